//! The learned attribution model: a token tagger for the roles of PolNeAR
//! (source, cue, content; BIO), run per paragraph, greedy left to right, over
//! hashed features of the tokens, their POS tags (`quotewire-tag`), quotation
//! state, the nearest verbs, and the roles the rules of this crate gave each
//! token (stacking: the rules are features, the model decides). Tagged spans
//! are grouped into attributions by [`decode`]: each content and source span
//! goes to the nearest cue of its paragraph.
//!
//! Weights: `models/attribution.qwlm`, trained by `quotewire-train
//! attribution` on PolNeAR train (see `models/MODEL_CARD.md`).

use std::borrow::Cow;
use std::sync::OnceLock;

use quotewire_doc::{Attribution, Document, QuoteKind, Span, SpanSet, Tags};
use quotewire_learn::{Features, Model, ModelError, softmax};

mod compact;
use compact::{Lowered, Marks, Sentences, sent_of};

/// The feature set's name and version, stored in the weights file and checked
/// at load: change it whenever [`features`] or [`LABELS`] change.
pub const FEATURES: &str = "quotewire-attribute roles v5";

/// The token labels, index = class id.
pub const LABELS: [&str; 7] = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"];
/// Outside any role.
pub const O: usize = 0;
const SRC: usize = 1;
const CUE: usize = 3;
const CON: usize = 5;

/// Scores are divided by this before the softmax that turns them into
/// label probabilities (perceptron scores are not calibrated; chosen on
/// PolNeAR dev so that confidence tracks precision, see the model card).
const CONFIDENCE_TEMPERATURE: f32 = 30.0;

const WEIGHTS: &[u8] = include_bytes!("../models/attribution.qwlm");

/// The committed model, loaded once per process.
///
/// # Errors
/// A broken or stale weights file (never expected: a test loads it).
pub fn builtin() -> Result<&'static Model, &'static ModelError> {
    static M: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    M.get_or_init(|| {
        let m = Model::from_bytes(WEIGHTS)?;
        m.check_meta(FEATURES)?;
        Ok(m)
    })
    .as_ref()
}

/// A token range `[start, end)`.
type Range = (usize, usize);

/// The role (0 none, 1 source, 2 cue, 3 content) of a label.
fn role(label: usize) -> usize {
    label.div_ceil(2)
}

/// What the model sees of one document, computed once, in linear time.
pub struct View<'a> {
    doc: &'a Document,
    /// Lower-cased token texts, read from the text when lower-casing
    /// changes nothing (most tokens: no allocation per token).
    lw: Lowered<'a>,
    /// The tag layer itself when complete (no copy), else padded with "?".
    pos: Cow<'a, Tags>,
    quoted: Vec<bool>,
    /// Role the rules gave each token: 0 none, 1 source, 2 cue, 3 direct
    /// content, 4 other content.
    rule: Vec<u8>,
    /// 1: first token of a rule content span, 2: last, 3: both.
    rule_edge: Vec<u8>,
    /// Cue class of the lexicon ([`crate::lexicon::CUES`]) per token, as a
    /// small number (0: none).
    cue: Vec<u8>,
    /// Token ranges of the paragraphs (the units tagged).
    units: Vec<(usize, usize)>,
    /// First and last+1 token of each token's sentence (see [`View::sent`]).
    sent: Sentences,
    /// Verbs: the nearest before / after a token in its sentence, and the
    /// number before each token (the verbs between two tokens in constant
    /// time).
    verbs: Marks,
    /// Tokens that the rules or the cue lexicon call a cue: the nearest
    /// before / after in the paragraph.
    cues: Marks,
    /// Clause punctuation (`,` `;` `:` dashes, brackets): the nearest before
    /// / after in the sentence.
    puncts: Marks,
}

/// Punctuation that ends or opens a clause or an aside.
fn is_clause_punct(w: &str) -> bool {
    matches!(w, "," | ";" | ":" | "--" | "—" | "–" | "(" | ")")
}

fn is_verb(tag: &str) -> bool {
    tag.starts_with("VB") || tag.contains("+VB")
}

/// Token range `[a, b)` lying inside `span` (tokens sorted by start).
fn toks_within(doc: &Document, span: Span) -> (usize, usize) {
    let t = &doc.layers.tokens;
    let a = t.partition_point(|x| x.span().start < span.start);
    let b = a + t[a..].partition_point(|x| x.span().end <= span.end);
    (a, b)
}

impl<'a> View<'a> {
    /// The view of a segmented and tagged document; `doc.attributions` are
    /// taken as the rules' output.
    pub fn new(doc: &'a Document) -> View<'a> {
        let toks = &doc.layers.tokens;
        let n = toks.len();
        let lw = Lowered::new(doc);
        let pos: Cow<Tags> = if doc.layers.pos.len() == n {
            Cow::Borrowed(&doc.layers.pos)
        } else {
            Cow::Owned(
                (0..n)
                    .map(|i| doc.layers.pos.get(i).copied().unwrap_or("?"))
                    .collect(),
            )
        };
        // quotation state: quotes sorted by opening; reach = furthest close so far
        let mut quoted = vec![false; n];
        let mut qi = 0;
        let mut reach = 0;
        let qs = &doc.layers.quotes;
        for (i, t) in toks.iter().enumerate() {
            while qi < qs.len() && qs[qi].open.start <= t.span().start {
                let q = &qs[qi];
                reach = reach.max(q.close.map(|c| c.end).unwrap_or(q.inner.end));
                qi += 1;
            }
            quoted[i] = t.span().end <= reach;
        }
        let mut rule = vec![0u8; n];
        let mut rule_edge = vec![0u8; n];
        for a in &doc.attributions {
            for c in &a.content {
                let (x, y) = toks_within(doc, *c);
                if y > x {
                    rule_edge[x] |= 1;
                    rule_edge[y - 1] |= 2;
                }
            }
            let con = if a.kind == QuoteKind::Direct { 3 } else { 4 };
            for (spans, r) in [(&a.content, con), (&a.source, 1), (&a.cue, 2)] {
                for s in spans {
                    let (x, y) = toks_within(doc, *s);
                    for v in &mut rule[x..y] {
                        if *v == 0 || *v >= 3 || r == 2 {
                            *v = r;
                        }
                    }
                }
            }
        }
        let mut units = Vec::new();
        let mut k = 0;
        for p in &doc.layers.paragraphs {
            while k < n && toks[k].span().end <= p.start {
                k += 1;
            }
            let a = k;
            while k < n && toks[k].span().start < p.end {
                k += 1;
            }
            if k > a {
                units.push((a, k));
            }
        }
        if units.is_empty() && n > 0 {
            units.push((0, n));
        }
        let sent = Sentences::new(toks);
        let verbs = Marks::new(n, |i| is_verb(pos[i]));
        let cue: Vec<u8> = (0..n)
            .map(|i| crate::cue_class(&lw[i]).map(|c| c as u8 + 1).unwrap_or(0))
            .collect();
        let cues = Marks::new(n, |i| rule[i] == 2 || cue[i] != 0);
        let puncts = Marks::new(n, |i| is_clause_punct(&lw[i]));
        View {
            doc,
            verbs,
            cues,
            puncts,
            lw,
            pos,
            quoted,
            rule,
            rule_edge,
            cue,
            units,
            sent,
        }
    }

    /// Nearest verb before token `i` in its sentence.
    fn verb_left(&self, i: usize) -> Option<usize> {
        self.verbs.left(i, self.sent(i).0 as usize)
    }

    /// Nearest verb after token `i` in its sentence.
    fn verb_right(&self, i: usize) -> Option<usize> {
        self.verbs.right(i, self.sent(i).1 as usize)
    }

    /// Nearest clause punctuation before token `i` in its sentence.
    fn punct_left(&self, i: usize) -> Option<usize> {
        self.puncts.left(i, self.sent(i).0 as usize)
    }

    /// Nearest clause punctuation after token `i` in its sentence.
    fn punct_right(&self, i: usize) -> Option<usize> {
        self.puncts.right(i, self.sent(i).1 as usize)
    }

    /// The unit (paragraph) holding token `i`, if any.
    fn unit_of(&self, i: usize) -> Option<(usize, usize)> {
        let k = self.units.partition_point(|u| u.0 <= i).checked_sub(1)?;
        let u = self.units[k];
        (i < u.1).then_some(u)
    }

    /// Nearest cue (of the rules or the lexicon) before token `i` in its
    /// paragraph.
    fn cue_left(&self, i: usize) -> Option<usize> {
        let (a, _) = self.unit_of(i)?;
        self.cues.left(i, a)
    }

    /// Nearest cue after token `i` in its paragraph.
    fn cue_right(&self, i: usize) -> Option<usize> {
        let (_, b) = self.unit_of(i)?;
        self.cues.right(i, b)
    }

    /// First and last+1 token of the sentence of token `i`.
    fn sent(&self, i: usize) -> (u32, u32) {
        sent_of(&self.sent, &self.doc.layers.tokens, i)
    }

    /// Whether the unit of tokens `[a, b)` can hold an attribution the
    /// model would keep: one with a cue. A unit where neither the cue
    /// lexicon nor the rules see a cue, no token is a verb, lies in a rule's
    /// attribution or inside quotation marks, is left untagged (all `O`).
    pub fn may_attribute(&self, a: usize, b: usize) -> bool {
        (a..b).any(|i| {
            self.cue[i] != 0 || self.rule[i] != 0 || self.quoted[i] || is_verb(self.pos[i])
        })
    }

    /// Token ranges of the units the model tags (paragraphs).
    pub fn units(&self) -> &[(usize, usize)] {
        &self.units
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.lw.len()
    }

    /// Whether the document has no token.
    pub fn is_empty(&self) -> bool {
        self.lw.is_empty()
    }
}

/// Names of the rule roles (index = role number; 9 = outside the text).
const RULE_NAMES: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
/// Names of the distance buckets, in the order of [`bucket_index`].
const BUCKET_NAMES: [&str; 8] = ["0", "1", "2", "3", "4", "6", "10", "20"];

fn bucket_index(d: usize) -> usize {
    match d {
        0..=3 => d,
        4..=5 => 4,
        6..=9 => 5,
        10..=19 => 6,
        _ => 7,
    }
}

fn bucket(d: usize) -> i64 {
    match d {
        0..=3 => d as i64,
        4..=5 => 4,
        6..=9 => 6,
        10..=19 => 10,
        _ => 20,
    }
}

/// The hashed features of token `i` of the unit starting at `start`, given
/// the two previous predicted labels (`None` before the unit). Training and
/// inference both call this; the set is named by [`FEATURES`].
pub fn features(
    v: &View,
    i: usize,
    start: usize,
    p1: Option<usize>,
    p2: Option<usize>,
    f: &mut Features,
) {
    let lab = |p: Option<usize>| p.map(|x| LABELS[x]).unwrap_or("-S-");
    let (l1, l2) = (lab(p1), lab(p2));
    let n = v.len();
    let w = |k: isize| -> &str {
        let j = i as isize + k;
        if j < start as isize || j >= n as isize {
            "-E-"
        } else {
            &v.lw[j as usize]
        }
    };
    let t = |k: isize| -> &str {
        let j = i as isize + k;
        if j < start as isize || j >= n as isize {
            "-E-"
        } else {
            v.pos[j as usize]
        }
    };
    let r = |k: isize| -> i64 {
        let j = i as isize + k;
        if j < 0 || j >= n as isize {
            9
        } else {
            i64::from(v.rule[j as usize])
        }
    };
    f.add(0, "bias");
    f.add(1, w(0));
    f.add(2, t(0));
    f.add(3, w(-1));
    f.add(4, w(1));
    f.add(5, t(-1));
    f.add(6, t(1));
    f.add(7, t(-2));
    f.add(8, t(2));
    f.add2(9, t(-1), t(0));
    f.add2(10, t(0), t(1));
    f.add(11, l1);
    f.add2(12, l2, l1);
    f.add2(13, l1, w(0));
    f.add2(14, l1, t(0));
    let q = if v.quoted[i] { "q" } else { "-" };
    f.add(15, q);
    f.add2(16, l1, q);
    f.add_int(17, r(0));
    f.add_int(18, r(-1));
    f.add_int(19, r(1));
    let li = p1.map(|x| x as i64).unwrap_or(9);
    f.add_int(20, li * 100 + r(0));
    f.add2(21, RULE_NAMES[r(0) as usize], t(0));
    if let Some(j) = v.verb_left(i) {
        f.add2(22, &v.lw[j], BUCKET_NAMES[bucket_index(i - j)]);
        f.add(23, &v.lw[j]);
        f.add2(26, l1, &v.lw[j]);
    } else {
        f.add(23, "-none-");
    }
    if let Some(j) = v.verb_right(i) {
        f.add2(24, &v.lw[j], BUCKET_NAMES[bucket_index(j - i)]);
        f.add(25, &v.lw[j]);
    } else {
        f.add(25, "-none-");
    }
    let (sa, sb) = v.sent(i);
    let (sa, sb) = (sa as usize, sb as usize);
    f.add2(27, if i == sa { "first" } else { "in" }, l1);
    f.add_int(28, bucket(sb - i - 1));
    f.add_int(29, bucket(i - sa));
    f.add_int(30, i64::from(i == start));
    f.add2(31, w(-1), w(0));
    f.add2(32, w(0), w(1));
    let lw = &v.lw[i];
    let suf = lw
        .char_indices()
        .rev()
        .nth(2)
        .map(|(k, _)| &lw[k..])
        .unwrap_or(lw);
    f.add(33, suf);
    let raw = v.doc.slice(v.doc.layers.tokens[i].span());
    f.add_int(
        34,
        i64::from(raw.chars().next().is_some_and(char::is_uppercase)),
    );
    f.add2(35, q, t(0));
    f.add(36, w(-2));
    f.add(37, w(2));
    f.add_int(38, r(-2));
    f.add_int(39, r(2));
    f.add_int(40, i64::from(v.rule_edge[i]));
    f.add_int(41, li * 100 + i64::from(v.rule_edge[i]));
    f.add_int(42, i64::from(v.cue[i]));
    f.add_int(43, li * 100 + i64::from(v.cue[i]));
    if let Some(j) = v.verb_left(i) {
        f.add_int(44, i64::from(v.cue[j]) * 100 + bucket(i - j));
    }
    if let Some(j) = v.verb_right(i) {
        f.add_int(45, i64::from(v.cue[j]) * 100 + bucket(j - i));
    }
    let same_sentence = |j: usize| i64::from(v.sent(j) == v.sent(i));
    match v.cue_left(i) {
        Some(j) => {
            let b = bucket(i - j) * 10 + same_sentence(j);
            f.add_int(46, b);
            f.add_int(47, li * 1000 + b);
            f.add2(48, &v.lw[j], BUCKET_NAMES[bucket_index(i - j)]);
        }
        None => f.add_int(46, -1),
    }
    match v.cue_right(i) {
        Some(j) => {
            let b = bucket(j - i) * 10 + same_sentence(j);
            f.add_int(49, b);
            f.add_int(50, li * 1000 + b);
            f.add2(51, &v.lw[j], BUCKET_NAMES[bucket_index(j - i)]);
        }
        None => f.add_int(49, -1),
    }
    // boundary features (v5): the label so far against the next POS, the
    // clause punctuation around, the verbs since the cue (all of few
    // values: rare conjunctions of words made the table's misses, and the
    // run, a sixth slower)
    f.add2(53, l1, t(1));
    let pr = v.punct_right(i).map_or(-1, |j| bucket(j - i));
    let pl = v.punct_left(i).map_or(-1, |j| bucket(i - j));
    f.add_int(56, li * 100 + pr);
    f.add_int(57, li * 100 + pl);
    if let Some(j) = v.cue_left(i) {
        let verbs = v.verbs.before[i] - v.verbs.before[j + 1];
        f.add_int(
            58,
            li * 100 + i64::from(verbs.min(3)) * 10 + same_sentence(j),
        );
    }
}

/// How [`label`] and [`decode`] turn the model's scores into spans (the
/// committed values: [`DECODING`]; chosen on PolNeAR dev, see the model card).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decoding {
    /// Subtracted from the score of `O` before the choice of a label: the
    /// perceptron's precision is above its recall, and a small handicap on
    /// "no role" trades a little of the one for more of the other.
    pub o_penalty: f32,
    /// Attributions (the model's and the rules' kept beside them) whose
    /// confidence is below this are dropped: on PolNeAR dev, fewer than one
    /// in five of those below 0.45 is right, a cost to F1 (content-lenient
    /// 0.718 → 0.722 at 0.45; train 0.818 → 0.823).
    pub min_confidence: f32,
    /// The BIO constraint: `I-X` only right after `B-X` or `I-X` (greedy
    /// decoding otherwise starts a role with `I-`, or glues two roles).
    pub bio: bool,
    /// Two content spans of one cue separated by at most this many tokens,
    /// all outside any role, become one span (a content broken by a token
    /// or two the model left out).
    pub fill_gap: usize,
    /// A content span starting right after another (no token between)
    /// goes to the same cue as that one.
    pub glue_adjacent: bool,
    /// Where an indirect or mixed rule attribution shares the model's cue,
    /// the rules' content boundaries replace the model's (see [`apply`]).
    pub rule_bounds: bool,
    /// Where a direct rule attribution with the model's cue covers the
    /// model's content (a quotation over several paragraphs), the rules'
    /// content replaces the model's.
    pub rule_bounds_direct: bool,
    /// Under `rule_bounds`, unless the rule content covers the model's (the
    /// model stopped short, e.g. at a nested cue: "… still refuses | to
    /// recognise …"), how much of the two contents' extents must be shared
    /// (bytes of the intersection over bytes of the union, 0..1): a rule
    /// content far from the model's is the rules' mistake more often than a
    /// boundary to keep.
    pub rule_bounds_overlap: f32,
    /// Rule attributions whose content overlaps none of the model's are
    /// kept.
    pub keep_rules: bool,
    /// Under `rule_bounds`, the rules' content replaces the model's only
    /// if the model's mean content probability over it is at least the one
    /// over its own content minus this (a rule content the model does not
    /// believe is more often the rules' mistake; dev at 0.05 against
    /// "always": content-lenient 0.722 → 0.727, indirect 0.628 → 0.632,
    /// strict 0.555 → 0.553).
    pub rule_bounds_margin: f32,
    /// ... or if the model's doubt over the tokens the two contents do not
    /// share ([`bounds_doubt`]) is at most this (a boundary a token off:
    /// "… were told by | email").
    pub rule_bounds_doubt: f32,
    /// The model's indirect and mixed attributions whose cue tokens have a
    /// mean cue probability below this are dropped (the rules' attribution
    /// there, if any, is kept instead: dev content-strict 0.553 → 0.559,
    /// content+source 0.663 → 0.671 at 0.45, O handicap 12).
    pub min_cue_confidence: f32,
}

/// The decoding the product uses.
pub const DECODING: Decoding = Decoding {
    o_penalty: 20.0,
    min_confidence: 0.45,
    bio: true,
    fill_gap: 0,
    glue_adjacent: true,
    rule_bounds: true,
    rule_bounds_direct: true,
    rule_bounds_overlap: 0.5,
    keep_rules: true,
    rule_bounds_margin: 0.05,
    rule_bounds_doubt: 1.0,
    min_cue_confidence: 0.45,
};

/// Whether label `y` may follow `prev` under the BIO constraint (`prev`
/// `None`: the first token of a unit).
pub fn bio_allowed(prev: Option<usize>, y: usize) -> bool {
    y == O || y % 2 == 1 || prev.is_some_and(|p| p != O && role(p) == role(y))
}

/// The label [`label`] picks from the scores `s` (one per class) after
/// `prev`: the best, with `O` handicapped by `dec.o_penalty` and, under
/// `dec.bio`, only labels allowed after `prev` (ties to the lowest id).
pub fn choose(s: &[f32], prev: Option<usize>, dec: &Decoding) -> usize {
    let mut best = O;
    let mut top = f32::NEG_INFINITY;
    for (k, &x) in s.iter().enumerate() {
        if dec.bio && !bio_allowed(prev, k) {
            continue;
        }
        let x = if k == O { x - dec.o_penalty } else { x };
        if x > top {
            top = x;
            best = k;
        }
    }
    best
}

/// Tags every unit of `v` with `model`: the label of each token, and the
/// probability (softmax of the scores) that it is content, `B-` or `I-`
/// (the one figure the confidences need: 4 bytes a token, not 28). Labels
/// are ids into [`LABELS`] as `u8` (1 byte a token, not 8).
pub fn label(v: &View, model: &Model) -> (Vec<u8>, Vec<f32>) {
    label_with(v, model, &DECODING)
}

/// [`label`] with the decoding `dec`.
pub fn label_with(v: &View, model: &Model, dec: &Decoding) -> (Vec<u8>, Vec<f32>) {
    let (labels, probs, _) = label_full(v, model, dec);
    (labels, probs)
}

/// [`label_with`], and the probability that each token is a cue.
fn label_full(v: &View, model: &Model, dec: &Decoding) -> (Vec<u8>, Vec<f32>, Vec<f32>) {
    let n = v.len();
    let mut labels = vec![O as u8; n];
    let mut probs = vec![0.0f32; n];
    let mut cue_probs = vec![0.0f32; n];
    let mut f = Features::new();
    let mut buf = vec![0.0f32; LABELS.len()];
    'units: for &(a, b) in v.units() {
        if !v.may_attribute(a, b) {
            // no cue in the unit: all O, content probability 0
            continue;
        }
        for i in a..b {
            // the time budget (`doc.deadline`), every 1024 tokens: the
            // tokens left keep the label O (no attribution found there)
            if i % 1024 == 1023 && v.doc.deadline.expired() {
                break 'units;
            }
            let p1 = (i > a).then(|| usize::from(labels[i - 1]));
            let p2 = (i > a + 1).then(|| usize::from(labels[i - 2]));
            f.clear();
            features(v, i, a, p1, p2, &mut f);
            buf.resize(model.classes().len(), 0.0);
            model.scores(f.keys(), &mut buf);
            // a class id, below LABELS.len() (7)
            labels[i] = choose(&buf, p1, dec) as u8;
            for s in buf.iter_mut() {
                *s /= CONFIDENCE_TEMPERATURE;
            }
            softmax(&mut buf);
            let p = |k: usize| buf.get(k).copied().unwrap_or(0.0);
            probs[i] = p(CON) + p(CON + 1);
            cue_probs[i] = p(CUE) + p(CUE + 1);
        }
    }
    (labels, probs, cue_probs)
}

/// The gold label of every token, from attributions with byte spans (the
/// training data). A token in several roles takes cue over source over
/// content (nested attributions: the inner one wins); a role starts (`B-`)
/// where the attribution owning it changes.
pub fn gold_labels(doc: &Document, atts: &[Attribution]) -> Vec<usize> {
    let n = doc.layers.tokens.len();
    // (priority, owner) per token
    let mut best: Vec<(usize, usize)> = vec![(0, usize::MAX); n];
    for (ai, a) in atts.iter().enumerate() {
        for (spans, r) in [(&a.content, 3usize), (&a.source, 2), (&a.cue, 1)] {
            // priority: cue 3, source 2, content 1
            let prio = 4 - r;
            for s in spans {
                let (x, y) = toks_within(doc, *s);
                for b in &mut best[x..y] {
                    if prio > b.0 {
                        *b = (prio, ai);
                    }
                }
            }
        }
    }
    let mut out = vec![O; n];
    for i in 0..n {
        let (p, owner) = best[i];
        if p == 0 {
            continue;
        }
        let base = match p {
            3 => CUE,
            2 => SRC,
            _ => CON,
        };
        let cont = i > 0 && best[i - 1] == (p, owner);
        out[i] = if cont { base + 1 } else { base };
    }
    out
}

/// Push `r` onto `v`, allocating room for one range on the first push (a
/// cue's group mostly holds one content and one source; a plain push would
/// allocate four).
fn push_one(v: &mut Vec<Range>, r: Range) {
    if v.capacity() == 0 {
        v.reserve_exact(1);
    }
    v.push(r);
}

/// Spans of one role in token ranges, from the labels of one unit.
fn spans_of<L: Copy + Into<usize>>(labels: &[L], a: usize, b: usize) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (i, &l) in labels.iter().enumerate().take(b).skip(a) {
        let l: usize = l.into();
        let r = role(l);
        if r == 0 {
            continue;
        }
        let begins = l % 2 == 1;
        match out.last_mut() {
            Some(last) if !begins && last.0 == r && last.2 == i => last.2 = i + 1,
            _ => out.push((r, i, i + 1)),
        }
    }
    out
}

/// Groups tagged spans into attributions: each content and source span of a
/// unit goes to the nearest cue of that unit; a cue without content is
/// dropped; contents of a unit without any cue are dropped too.
/// Confidence: the mean probability of a content label over the content's
/// tokens.
pub fn decode<L: Copy + Into<usize>>(v: &View, labels: &[L], probs: &[f32]) -> Vec<Attribution> {
    decode_with(v, labels, probs, &DECODING)
}

/// [`decode`] with the decoding `dec` (its `fill_gap`).
pub fn decode_with<L: Copy + Into<usize>>(
    v: &View,
    labels: &[L],
    probs: &[f32],
    dec: &Decoding,
) -> Vec<Attribution> {
    let toks = &v.doc.layers.tokens;
    let mut out = Vec::new();
    for &(a, b) in v.units() {
        let spans = spans_of(labels, a, b);
        let cues: Vec<(usize, usize)> = spans
            .iter()
            .filter(|s| s.0 == 2)
            .map(|s| (s.1, s.2))
            .collect();
        if cues.is_empty() {
            continue;
        }
        // the cue nearest a span [x, y): cues are in text order and disjoint
        // from the span, so it is the last cue ending at or before x or the
        // first after it (the earlier one on a tie); a binary search keeps a
        // unit with thousands of cues (a text without paragraphs) linear
        let nearest = |x: usize, y: usize| -> usize {
            let p = cues.partition_point(|&(_, d)| d <= x);
            match (p.checked_sub(1), cues.get(p)) {
                (Some(b), Some(&(c, _))) if c.saturating_sub(y) < x - cues[b].1 => p,
                (Some(b), _) => b,
                (None, _) => 0,
            }
        };
        let mut groups: Vec<(Vec<Range>, Vec<Range>)> = vec![(Vec::new(), Vec::new()); cues.len()];
        // a content span starting right where another ends (the model began
        // a new content, "… still refuses | to recognise …") goes with that
        // one's cue, not with whichever cue is nearer
        let mut last_con: Option<(usize, usize)> = None;
        for &(r, x, y) in &spans {
            match r {
                1 => push_one(&mut groups[nearest(x, y)].1, (x, y)),
                3 => {
                    let g = match last_con {
                        Some((end, g)) if dec.glue_adjacent && end == x => g,
                        _ => nearest(x, y),
                    };
                    push_one(&mut groups[g].0, (x, y));
                    last_con = Some((y, g));
                }
                _ => {}
            }
        }
        // a source is one mention: of several source spans, the one nearest
        // its cue
        for (k, g) in groups.iter_mut().enumerate() {
            if g.1.len() > 1 {
                let (c, d) = cues[k];
                let dist = |&(x, y): &Range| if y <= c { c - y } else { x.saturating_sub(d) };
                if let Some(best) = g.1.iter().copied().min_by_key(dist) {
                    g.1 = vec![best];
                }
            }
        }
        // a cue without a source of its own ("…, adding …") shares the
        // source of the nearest cue before it in the unit, else after it
        // (one pass each way: the nearest with a source before k, counting
        // those filled on the way, else the nearest after k)
        let mut next_with = vec![None; groups.len()];
        for k in (0..groups.len().saturating_sub(1)).rev() {
            next_with[k] = if groups[k + 1].1.is_empty() {
                next_with[k + 1]
            } else {
                Some(k + 1)
            };
        }
        let mut last_with = None;
        for k in 0..groups.len() {
            if groups[k].1.is_empty()
                && !groups[k].0.is_empty()
                && let Some(j) = last_with.or(next_with[k])
            {
                groups[k].1 = groups[j].1.clone();
            }
            if !groups[k].1.is_empty() {
                last_with = Some(k);
            }
        }
        let span = |(x, y): (usize, usize)| Span::new(toks[x].span().start, toks[y - 1].span().end);
        // one attribution per group with content: room for them at once
        // (no doubling of a long text's single unit)
        out.reserve(groups.iter().filter(|g| !g.0.is_empty()).count());
        for (k, (mut con, src)) in groups.into_iter().enumerate() {
            if con.is_empty() {
                continue;
            }
            if dec.fill_gap > 0 {
                con = fill_gaps(&con, labels, dec.fill_gap);
            }
            let mut p = 0.0;
            let mut m = 0usize;
            let (mut words, mut q) = (0usize, 0usize);
            for &(x, y) in &con {
                for (i, pr) in probs.iter().enumerate().take(y).skip(x) {
                    p += pr;
                    m += 1;
                    if v.lw[i].chars().next().is_some_and(char::is_alphanumeric) {
                        words += 1;
                        q += usize::from(v.quoted[i]);
                    }
                }
            }
            let frac = if words == 0 {
                0.0
            } else {
                q as f32 / words as f32
            };
            let kind = if frac >= 0.8 {
                QuoteKind::Direct
            } else if frac > 0.0 {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            out.push(Attribution {
                kind,
                content: con.into_iter().map(span).collect(),
                cue: vec![span(cues[k])],
                source: src.into_iter().map(span).collect(),
                speaker: None,
                confidence: Some((p / m.max(1) as f32).clamp(0.0, 1.0)),
            });
        }
    }
    out.sort_by_key(|a| a.content.first().map(|s| s.start).unwrap_or(0));
    out
}

/// Content ranges (in text order) with every gap of at most `max` tokens,
/// all labelled `O`, closed.
pub(crate) fn fill_gaps<L: Copy + Into<usize>>(
    con: &[Range],
    labels: &[L],
    max: usize,
) -> Vec<Range> {
    let mut out: Vec<Range> = Vec::with_capacity(con.len());
    for &(x, y) in con {
        match out.last_mut() {
            Some(last)
                if x >= last.1
                    && x - last.1 <= max
                    && labels[last.1..x].iter().all(|&l| l.into() == O) =>
            {
                last.1 = y;
            }
            _ => out.push((x, y)),
        }
    }
    out
}

/// Bytes shared by the extents of two contents over the bytes of their
/// union's extent (0 when either is empty).
fn overlap_ratio(a: &[Span], b: &[Span]) -> f32 {
    let (Some(a0), Some(a1), Some(b0), Some(b1)) = (a.first(), a.last(), b.first(), b.last())
    else {
        return 0.0;
    };
    let (x, y) = (a0.cover(*a1), b0.cover(*b1));
    let inter = y.end.min(x.end).saturating_sub(y.start.max(x.start));
    let union = y.end.max(x.end) - y.start.min(x.start);
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

/// Every span of `inner` lies inside the extent of `outer`.
fn covers(outer: &[Span], inner: &[Span]) -> bool {
    let (Some(a), Some(b)) = (outer.first(), outer.last()) else {
        return false;
    };
    let ext = a.cover(*b);
    inner.iter().all(|s| ext.contains(*s))
}

fn overlaps_any(a: &Attribution, others: &[Attribution]) -> bool {
    others.iter().any(|o| {
        a.content
            .iter()
            .any(|x| o.content.iter().any(|y| x.overlaps(*y)))
    })
}

/// How much the model doubts replacing its content `model` by `rule`: the
/// expected number of tokens that are no content among those only `rule`
/// holds, plus the expected number of content tokens among those only
/// `model` holds (sums of probabilities of the model's labels).
fn bounds_doubt(doc: &Document, probs: &[f32], rule: &[Span], model: &[Span]) -> f32 {
    let ranges =
        |v: &[Span]| -> Vec<(usize, usize)> { v.iter().map(|c| toks_within(doc, *c)).collect() };
    let (r, m) = (ranges(rule), ranges(model));
    let inside = |v: &[(usize, usize)], i: usize| v.iter().any(|&(x, y)| x <= i && i < y);
    let mut doubt = 0.0f32;
    for &(x, y) in &r {
        for (i, p) in probs.iter().enumerate().take(y).skip(x) {
            if !inside(&m, i) {
                doubt += 1.0 - p;
            }
        }
    }
    for &(x, y) in &m {
        for (i, p) in probs.iter().enumerate().take(y).skip(x) {
            if !inside(&r, i) {
                doubt += p;
            }
        }
    }
    doubt
}

/// Mean probability of a content label over the tokens of `content`.
fn content_confidence(doc: &Document, probs: &[f32], content: &[Span]) -> f32 {
    let (mut p, mut m) = (0.0f32, 0usize);
    for c in content {
        let (x, y) = toks_within(doc, *c);
        for pr in &probs[x..y] {
            p += pr;
            m += 1;
        }
    }
    if m == 0 {
        0.0
    } else {
        (p / m as f32).clamp(0.0, 1.0)
    }
}

/// The model's attributions, plus those of the rules whose content overlaps
/// none of them (the rules read as features first; `doc.attributions` holds
/// the rules' output on entry). Every attribution gets a confidence: the
/// mean probability the model gives a content label over its content tokens.
pub fn apply(doc: &mut Document, model: &Model) {
    apply_with(doc, model, &DECODING);
}

/// [`apply`] with the decoding `dec`.
pub fn apply_with(doc: &mut Document, model: &Model, dec: &Decoding) {
    let (mut found, probs) = {
        let v = View::new(doc);
        let (labels, probs, cue_probs) = label_full(&v, model, dec);
        let mut found = decode_with(&v, &labels, &probs, dec);
        // the view and the labels are done with: freed before the lists
        // below are built
        drop((v, labels));
        if dec.min_cue_confidence > 0.0 {
            found.retain(|a| {
                a.kind == QuoteKind::Direct
                    || content_confidence(doc, &cue_probs, &a.cue) >= dec.min_cue_confidence
            });
        }
        (found, probs)
    };
    let found_contents = SpanSet::new(
        found
            .iter()
            .enumerate()
            .flat_map(|(k, a)| a.content.iter().map(move |c| (*c, k))),
    );
    // the rules' attributions kept (none of their content under the
    // model's), with their confidence: moved into the output at the end
    // rather than cloned here (the rules' list, the model's and the merged
    // one alive together took a third more memory on a long text)
    let keep: Vec<Option<f32>> = doc
        .attributions
        .iter()
        .map(|r| {
            (dec.keep_rules && !r.content.iter().any(|c| found_contents.overlaps(*c)))
                .then(|| content_confidence(doc, &probs, &r.content))
        })
        .collect();
    drop(found_contents);
    // the rules' attributions by cue span: each lookup below sees only the
    // few whose cue overlaps (a scan of all of them per attribution made
    // this quadratic in the document's length)
    let rule_cues = SpanSet::new(
        doc.attributions
            .iter()
            .enumerate()
            .flat_map(|(k, r)| r.cue.iter().map(move |c| (*c, k))),
    );
    for a in &mut found {
        // an indirect or mixed attribution of the rules with the same cue,
        // or a direct one covering the model's content (a quotation running
        // over several paragraphs; the model tags one paragraph at a time):
        // the rules' content boundaries (their clause rules are exact where
        // they fire, and the model's token labels cannot nest one content
        // in another); measured on dev: content-strict +2.8, lenient -0.7
        // the first in the rules' order, as a scan would find
        if let Some(r) = a
            .cue
            .iter()
            .flat_map(|d| rule_cues.overlapping(*d))
            .filter(|&k| {
                let r = &doc.attributions[k];
                overlaps_any(r, std::slice::from_ref(&*a))
                    && if r.kind == QuoteKind::Direct {
                        dec.rule_bounds_direct && covers(&r.content, &a.content)
                    } else {
                        dec.rule_bounds
                            && (covers(&r.content, &a.content)
                                || overlap_ratio(&r.content, &a.content) >= dec.rule_bounds_overlap)
                    }
            })
            .min()
            .map(|k| &doc.attributions[k])
            .filter(|r| {
                content_confidence(doc, &probs, &r.content)
                    >= a.confidence.unwrap_or(0.0) - dec.rule_bounds_margin
                    || bounds_doubt(doc, &probs, &r.content, &a.content) <= dec.rule_bounds_doubt
            })
        {
            a.content = r.content.clone();
            a.kind = r.kind;
            if a.source.is_empty() {
                a.source = r.source.clone();
            }
        }
    }
    drop(rule_cues);
    // the kept rules first (in their order), then the model's
    let mut out: Vec<Attribution> = std::mem::take(&mut doc.attributions)
        .into_iter()
        .zip(keep)
        .filter_map(|(r, c)| {
            c.map(|c| Attribution {
                confidence: Some(c),
                ..r
            })
        })
        .collect();
    out.append(&mut found);
    drop(found);
    if dec.min_confidence > 0.0 {
        out.retain(|a| a.confidence.is_none_or(|c| c >= dec.min_confidence));
    }
    out.sort_by_key(|a| a.content.first().map(|s| s.start).unwrap_or(0));
    doc.attributions = out;
}
