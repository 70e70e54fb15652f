//! Repairs of whole error classes, applied to every attribution after the
//! rules and the model (they need the POS layer of `quotewire-tag`; without
//! it they change nothing). Each is linear in the tokens of the spans it
//! looks at.
//!
//! * **Sources cut at a preposition.** "A doctor on the scene told …" and
//!   "The National Institute on Drug Abuse has estimated …": a source that is
//!   the object of a prepositional phrase modifying a noun grows to the whole
//!   noun phrase ("A doctor on the scene", "The National Institute on Drug
//!   Abuse").
//! * **Finding and seeking verbs with a plain object.** "A family friend
//!   found the suspect's car", "some consumers sought help": nothing is said
//!   or claimed. With such a cue the content must be a proposition (a clause
//!   with a verb, or one opened by "that", "to", "whether", a wh-word);
//!   "a poll found Trump leading" and "found that …" stay.

use quotewire_doc::{Attribution, Document, Span};

/// Cue words that attribute only with a propositional content.
const PROPOSITION_ONLY: &[&str] = &[
    "found",
    "find",
    "finds",
    "finding",
    "discovered",
    "discover",
    "discovers",
    "sought",
    "seek",
    "seeks",
    "seeking",
    "saw",
    "see",
    "sees",
    "seen",
    "noticed",
    "notice",
    "spotted",
    "located",
];

/// Words opening a content that is a proposition even without a verb tag.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "to", "whether", "if", "how", "why", "what", "who", "when", "where", "which",
];

/// Runs every repair on `doc.attributions`.
pub fn repair(doc: &mut Document) {
    if doc.layers.pos.len() != doc.layers.tokens.len() || doc.layers.tokens.is_empty() {
        return;
    }
    let mut atts = std::mem::take(&mut doc.attributions);
    atts.retain(|a| !plain_object_of_finding_verb(doc, a));
    for a in &mut atts {
        if let Some(first) = a.source.first_mut() {
            *first = grow_source(doc, *first);
        }
    }
    doc.attributions = atts;
}

fn tok_range(doc: &Document, span: Span) -> (usize, usize) {
    let t = &doc.layers.tokens;
    let a = t.partition_point(|x| x.span.start < span.start);
    let b = a + t[a..].partition_point(|x| x.span.end <= span.end);
    (a, b)
}

fn is_noun(tag: &str) -> bool {
    tag.starts_with("NN") || tag.ends_with("+POS")
}

/// Tags inside a noun phrase before its head.
fn np_internal(tag: &str) -> bool {
    is_noun(tag)
        || matches!(
            tag,
            "DT" | "JJ" | "JJR" | "JJS" | "CD" | "PRP$" | "POS" | "NNP+POS" | "NN+POS"
        )
}

/// The source grown over "NOUN PREP [NP]" to its left, within its sentence.
fn grow_source(doc: &Document, src: Span) -> Span {
    let (x, y) = tok_range(doc, src);
    if y <= x {
        return src;
    }
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    let sent = toks[x].sentence;
    let same = |k: usize| toks[k].sentence == sent;
    let mut start = x;
    loop {
        // the NP the current start belongs to
        let mut j = start;
        while j > 0 && same(j - 1) && np_internal(pos[j - 1]) {
            j -= 1;
        }
        // a preposition after a noun: "doctor [on] the scene"
        if j >= 2
            && same(j - 2)
            && pos[j - 1] == "IN"
            && matches!(
                doc.slice(toks[j - 1].span).to_lowercase().as_str(),
                "of" | "on" | "for" | "at" | "from" | "with" | "in"
            )
            && is_noun(pos[j - 2])
        {
            let mut m = j - 2;
            while m > 0 && same(m - 1) && np_internal(pos[m - 1]) {
                m -= 1;
            }
            start = m;
        } else {
            break;
        }
    }
    if start == x {
        src
    } else {
        Span::new(toks[start].span.start, src.end)
    }
}

/// A finding or seeking cue whose content has no verb and no clause opener.
fn plain_object_of_finding_verb(doc: &Document, a: &Attribution) -> bool {
    let is_finding = a.cue.iter().any(|c| {
        doc.slice(*c)
            .split_whitespace()
            .last()
            .is_some_and(|w| PROPOSITION_ONLY.contains(&w.to_lowercase().as_str()))
    });
    if !is_finding {
        return false;
    }
    let mut first = true;
    for c in &a.content {
        let (x, y) = tok_range(doc, *c);
        for k in x..y {
            let w = doc.slice(doc.layers.tokens[k].span);
            if !w.chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            if first && CLAUSE_OPENERS.contains(&w.to_lowercase().as_str()) {
                return false;
            }
            first = false;
            let t = doc.layers.pos[k];
            if t.starts_with("VB") || t.starts_with("MD") || t.contains("+VB") || t.contains("+MD")
            {
                return false;
            }
        }
    }
    true
}
