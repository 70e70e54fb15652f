//! The shared linguistic layer of the pipeline, between `quotewire-segment`
//! and `quotewire-attribute`: a part-of-speech tag for every token of
//! [`quotewire_doc::Layers::tokens`], written to
//! [`quotewire_doc::Layers::pos`].
//!
//! * Tagger: greedy left-to-right multiclass averaged perceptron (Collins
//!   2002; the feature set of Honnibal's "A good part-of-speech tagger in
//!   about 200 lines of Python", 2013) over hashed features
//!   ([`quotewire_learn`]), plus a tag dictionary of frequent words that
//!   always carried one tag in training.
//! * Tag set: Penn Treebank, as CoreNLP writes it. Segment keeps "don't" and
//!   "Trump's" as one token where PTB splits them; such a token carries both
//!   tags joined by `+` ("VBP+RB", "NNP+POS").
//! * Model: trained on the CoreNLP silver tags of PolNeAR train
//!   (`cargo run --profile fast -p quotewire-train -- tagger --shared
//!   ../shared`), projected onto segment's own tokens by character offsets;
//!   see `models/MODEL_CARD.md` for data, features and scores. The weights
//!   are compiled in (`include_bytes!`); nothing is read at run time.
//!
//! One tokenisation and one sentence split for the whole pipeline: the
//! tagger reads segment's tokens and sentences and never re-tokenises.

#![deny(missing_docs)]

pub mod silver;

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::OnceLock;

use quotewire_doc::{Document, Token};
use quotewire_learn::{Features, Model, ModelError};

/// The feature set's name and version, stored in the weights file and
/// checked when it is loaded: change it whenever [`features`] changes.
pub const FEATURES: &str = "quotewire-tag pos features v1";

/// The committed weights (`models/pos.qwlm`).
const WEIGHTS: &[u8] = include_bytes!("../models/pos.qwlm");
/// The committed tag dictionary (`models/pos-tagdict.tsv`: word, tab, tag).
const TAGDICT: &str = include_str!("../models/pos-tagdict.tsv");

/// A loaded tagger: the frozen perceptron and its tag dictionary.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
    /// Normalised word -> class id, for words that are frequent and
    /// unambiguous in training.
    dict: HashMap<String, usize>,
}

/// What can go wrong building a [`Tagger`].
#[derive(Debug, thiserror::Error)]
pub enum TagError {
    /// The weights file does not load.
    #[error("POS model: {0}")]
    Model(ModelError),
    /// A tag dictionary line is malformed or names a tag the model lacks.
    #[error("POS tag dictionary line {line}: {what}; retrain the tagger")]
    Dict {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        what: &'static str,
    },
}

impl Tagger {
    /// A tagger from a weights file and a tag dictionary (one `word\ttag`
    /// per line). Errors name the faulty part; never panics.
    pub fn new(weights: &[u8], tagdict: &str) -> Result<Tagger, TagError> {
        let model = Model::from_bytes(weights).map_err(TagError::Model)?;
        model.check_meta(FEATURES).map_err(TagError::Model)?;
        let mut dict = HashMap::default();
        for (i, line) in tagdict.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let Some((w, t)) = line.split_once('\t') else {
                return Err(TagError::Dict {
                    line: i + 1,
                    what: "no tab",
                });
            };
            let Some(c) = model.class_id(t) else {
                return Err(TagError::Dict {
                    line: i + 1,
                    what: "unknown tag",
                });
            };
            dict.insert(w.to_string(), c);
        }
        Ok(Tagger { model, dict })
    }

    /// The tagger compiled into the library (loaded once per process).
    ///
    /// # Panics
    /// Only if the committed weights are broken, which the crate's tests
    /// rule out.
    pub fn builtin() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| {
            Tagger::new(WEIGHTS, TAGDICT).expect("the committed POS weights load (tested)")
        })
    }

    /// The tag labels, index = class id.
    pub fn tags(&self) -> &[String] {
        self.model.classes()
    }

    /// Tags the words of one sentence, greedily left to right: one class id
    /// per word, into `out` (cleared first). `words` are the tokens' texts.
    pub fn tag_ids(&self, words: &[&str], out: &mut Vec<usize>) {
        out.clear();
        let norms: Vec<Cow<str>> = words.iter().map(|w| normalise(w)).collect();
        let mut f = Features::new();
        let mut buf = Vec::new();
        for i in 0..words.len() {
            if let Some(&c) = self.dict.get(norms[i].as_ref()) {
                out.push(c);
                continue;
            }
            let p1 = prev_tag(self.tags(), out, i, 1);
            let p2 = prev_tag(self.tags(), out, i, 2);
            f.clear();
            features(words, &norms, i, p1, p2, &mut f);
            out.push(self.model.predict(f.keys(), &mut buf));
        }
    }

    /// Tags every sentence of `doc` and writes [`quotewire_doc::Layers::pos`]
    /// (one tag per token). Linear in the number of tokens.
    pub fn tag_document(&'static self, doc: &mut Document) {
        let tokens = &doc.layers.tokens;
        let mut pos = quotewire_doc::Tags::with_capacity(tokens.len());
        // class id -> tag id in `pos`, interned on first use
        let mut id_of: Vec<Option<u16>> = vec![None; self.tags().len()];
        let mut ids = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut start = 0;
        while start < tokens.len() {
            let sent = tokens[start].sentence();
            // the time budget (`doc.deadline`), every 64 sentences: stop,
            // leaving `pos` shorter than the tokens (the facade then drops
            // the layers and runs no later stage)
            if sent % 64 == 63 && doc.deadline.expired() {
                break;
            }
            let end = start
                + tokens[start..]
                    .iter()
                    .position(|t: &Token| t.sentence() != sent)
                    .unwrap_or(tokens.len() - start);
            words.clear();
            words.extend(tokens[start..end].iter().map(|t| doc.slice(t.span())));
            self.tag_ids(&words, &mut ids);
            let tags = self.tags();
            for &c in &ids {
                let id = *id_of[c].get_or_insert_with(|| pos.intern(tags[c].as_str()));
                pos.push_id(id);
            }
            start = end;
        }
        doc.layers.pos = pos;
    }
}

/// Runs the built-in tagger on `doc` (the pipeline stage).
pub fn tag(doc: &mut Document) {
    Tagger::builtin().tag_document(doc);
}

/// The tag `back` positions before `i` ("-START-" / "-START2-" before the
/// sentence).
pub fn prev_tag<'a>(tags: &'a [String], out: &[usize], i: usize, back: usize) -> &'a str {
    if i >= back {
        tags.get(out[i - back]).map(String::as_str).unwrap_or("?")
    } else if back == 1 || i == 1 {
        "-START-"
    } else {
        "-START2-"
    }
}

/// A word as the features see it: lower case; numbers and hyphenated words
/// folded into classes (Honnibal 2013).
pub fn normalise(w: &str) -> Cow<'_, str> {
    let first = w.chars().next();
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        Cow::Borrowed("!YEAR")
    } else if first.is_some_and(|c| c.is_ascii_digit()) {
        Cow::Borrowed("!DIGITS")
    } else if w.contains('-') && first != Some('-') && w.len() > 1 {
        Cow::Borrowed("!HYPHEN")
    } else if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// The word's shape: each character class once per run (`Xx`, `x`, `X.X.`,
/// `d,d`), at most 6 characters.
fn shape(w: &str) -> String {
    let mut s = String::new();
    let mut last = '\0';
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k != last {
            s.push(k);
            last = k;
            if s.len() >= 6 {
                break;
            }
        }
    }
    s
}

/// The last `n` characters of `w` (all of it when shorter).
fn suffix(w: &str, n: usize) -> &str {
    let mut it = w.char_indices().rev();
    let mut start = w.len();
    for _ in 0..n {
        match it.next() {
            Some((i, _)) => start = i,
            None => break,
        }
    }
    &w[start..]
}

/// The first character of `w`.
fn prefix1(w: &str) -> &str {
    w.char_indices().nth(1).map(|(i, _)| &w[..i]).unwrap_or(w)
}

/// The hashed features of word `i` of a sentence, given the two previous
/// predicted tags. `norms[j]` is [`normalise`]`(words[j])`. The feature set
/// named by [`FEATURES`]; training and inference both call this.
pub fn features(
    words: &[&str],
    norms: &[Cow<str>],
    i: usize,
    p1: &str,
    p2: &str,
    f: &mut Features,
) {
    let w = norms[i].as_ref();
    let raw = words[i];
    let at = |j: isize| -> &str {
        let k = i as isize + j;
        if k < 0 {
            "-START-"
        } else {
            norms.get(k as usize).map(|c| c.as_ref()).unwrap_or("-END-")
        }
    };
    f.add(0, "bias");
    f.add(1, w);
    f.add(2, suffix(w, 3));
    f.add(3, prefix1(raw));
    f.add(4, p1);
    f.add(5, p2);
    f.add2(6, p1, p2);
    f.add2(7, p1, w);
    let wm1 = at(-1);
    f.add(8, wm1);
    f.add(9, suffix(wm1, 3));
    f.add(10, at(-2));
    let wp1 = at(1);
    f.add(11, wp1);
    f.add(12, suffix(wp1, 3));
    f.add(13, at(2));
    let sh = shape(raw);
    f.add(14, &sh);
    f.add(15, suffix(w, 2));
    f.add(16, suffix(w, 4));
    f.add(17, raw);
    f.add2(18, w, wp1);
    f.add2(19, wm1, w);
    f.add2(20, if i == 0 { "first" } else { "in" }, &sh);
    f.add2(21, p1, suffix(w, 3));
}

#[cfg(test)]
mod tests;
