//! Training and evaluation data: CoreNLP's silver tags (PolNeAR
//! `corenlp.conllu`, see `../shared/data/polnear/README-corenlp.md`)
//! projected onto segment's tokens by character offsets.
//!
//! Segment keeps "don't", "Trump's" and "U.S." (with its final dot split off)
//! differently from PTB: a segment token overlapping several CoreNLP tokens
//! gets their tags joined by `+` (in text order); a token overlapping none
//! (CoreNLP dropped it) gets no label and is context only.

use std::collections::HashMap;

use quotewire_doc::{CharMap, Document};

/// One CoreNLP token: code-point offsets `[start, end)` into the article's
/// `.txt` and its PTB tag (XPOS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SilverToken {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The PTB tag.
    pub tag: String,
}

/// Reads a CoNLL-U file into `stem -> tokens` (in text order). Errors name
/// the line.
pub fn read_conllu(text: &str) -> Result<HashMap<String, Vec<SilverToken>>, String> {
    let mut out: HashMap<String, Vec<SilverToken>> = HashMap::new();
    let mut cur: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            cur = Some(id.trim().to_string());
            out.entry(id.trim().to_string()).or_default();
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!("line {}: expected 10 columns", n + 1));
        }
        let Some(doc) = cur.as_ref() else {
            return Err(format!("line {}: token before any '# newdoc id'", n + 1));
        };
        let off = cols[9]
            .split('|')
            .find_map(|kv| kv.strip_prefix("Offset="))
            .and_then(|o| o.split_once('-'))
            .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
        let Some((start, end)) = off else {
            return Err(format!("line {}: no Offset=<begin>-<end> in MISC", n + 1));
        };
        if let Some(v) = out.get_mut(doc) {
            v.push(SilverToken {
                start,
                end,
                tag: cols[4].to_string(),
            });
        }
    }
    Ok(out)
}

/// The silver label of every segment token of `doc` (already segmented):
/// the tags of the CoreNLP tokens it overlaps, joined by `+`; `None` when it
/// overlaps none. Linear (both token lists are in text order).
pub fn project(doc: &Document, silver: &[SilverToken]) -> Vec<Option<String>> {
    let map = CharMap::new(&doc.text);
    let mut out = Vec::with_capacity(doc.layers.tokens.len());
    let mut j = 0;
    for t in &doc.layers.tokens {
        let [s, e] = map.span(t.span());
        while j < silver.len() && silver[j].end <= s {
            j += 1;
        }
        let word = doc.slice(t.span());
        if !word.chars().any(char::is_alphanumeric)
            && silver.get(j).is_some_and(|x| x.start < s || x.end > e)
        {
            // the final dot of "U.S." and the like: part of a larger token
            out.push(None);
            continue;
        }
        let mut k = j;
        let mut label: Option<String> = None;
        while k < silver.len() && silver[k].start < e {
            match label.as_mut() {
                Some(l) => {
                    l.push('+');
                    l.push_str(&silver[k].tag);
                }
                None => label = Some(silver[k].tag.clone()),
            }
            k += 1;
        }
        out.push(label);
    }
    out
}

/// Agreement counts of predicted tags with the silver labels.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Agreement {
    /// Labelled tokens.
    pub total: u64,
    /// Labelled tokens tagged as the silver says.
    pub right: u64,
    /// Tokens that are exactly one CoreNLP token (no `+` label).
    pub total_one: u64,
    /// Of those, tagged as the silver says.
    pub right_one: u64,
}

impl Agreement {
    /// Counts one token.
    pub fn add(&mut self, gold: &str, guess: &str) {
        let ok = gold == guess;
        self.total += 1;
        self.right += u64::from(ok);
        if !gold.contains('+') {
            self.total_one += 1;
            self.right_one += u64::from(ok);
        }
    }

    /// Share of labelled tokens tagged right.
    pub fn accuracy(&self) -> f64 {
        self.right as f64 / self.total.max(1) as f64
    }

    /// Share of one-to-one tokens tagged right.
    pub fn accuracy_one(&self) -> f64 {
        self.right_one as f64 / self.total_one.max(1) as f64
    }
}

/// Tags `doc` (already segmented) with `tagger` and counts its agreement
/// with the silver tags.
pub fn evaluate(
    tagger: &crate::Tagger,
    doc: &Document,
    silver: &[SilverToken],
    agreement: &mut Agreement,
) {
    let labels = project(doc, silver);
    let tokens = &doc.layers.tokens;
    let mut ids = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut start = 0;
    while start < tokens.len() {
        let sent = tokens[start].sentence();
        let mut end = start;
        while end < tokens.len() && tokens[end].sentence() == sent {
            end += 1;
        }
        words.clear();
        words.extend(tokens[start..end].iter().map(|t| doc.slice(t.span())));
        tagger.tag_ids(&words, &mut ids);
        for (k, &c) in ids.iter().enumerate() {
            if let Some(gold) = &labels[start + k] {
                agreement.add(gold, &tagger.tags()[c]);
            }
        }
        start = end;
    }
}
