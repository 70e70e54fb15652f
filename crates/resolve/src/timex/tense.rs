//! The tense of the clause around a time expression, which decides the
//! direction of an underspecified date: "Tuesday", "in April", "Oct. 23"
//! refer back from the document date in a past-tense clause ("was found in
//! December") and forward in a future one ("will be named ... in December",
//! "is expected to join in April", "plans to hold a news conference
//! Tuesday").
//!
//! The rule follows HeidelTime (Strötgen and Gertz 2013, "Multilingual and
//! cross-domain temporal tagging", Language Resources and Evaluation 47(2)),
//! which resolves underspecified expressions in news by the tense of their
//! sentence, read from part-of-speech tags: here the nearest verb group
//! before the expression in its sentence decides; when there is none before
//! it, the first one after it.
//! Tags are the Penn Treebank tags of the tag stage (`Words::pos`); a
//! document without tags still gets the word-list cues (modal "will",
//! "going to", "is expected to").

use super::lexicon::{FUTURE_MARKERS, FUTURE_WINDOW};
use crate::words::Words;
use quotewire_doc::Span;

/// Tense of a clause, as far as it decides a date's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    /// Past tense or a perfect ("said", "was found", "have cared").
    Past,
    /// Present tense ("meet", "is heard").
    Present,
    /// Future: a modal "will"/"shall", "going to", or a verb or participle of
    /// intention or schedule before an infinitive ("plans to", "is expected to",
    /// "is scheduled to", "set for").
    Future,
    /// No verb found in the sentence.
    Unknown,
    /// A deadline ("by Tuesday", "until 9 a.m. Tuesday"): not a clause
    /// tense but a cue before the expression; a weekday is the one nearest
    /// the anchor, either side.
    Nearest,
}

/// Participles and adjectives of schedule or intention: the clause they head
/// looks ahead ("is expected to", "is scheduled for", "set for April",
/// "are supposed to conclude by May", "due in March").
const FUTURE_PARTICIPLES: &[&str] = &[
    "expected",
    "scheduled",
    "set",
    "due",
    "slated",
    "planned",
    "supposed",
    "poised",
    "likely",
    "ready",
    "prepared",
];

/// Verbs of intention before an infinitive ("plans to hold", "hopes to sign").
const FUTURE_VERBS: &[&str] = &[
    "plan",
    "plans",
    "planning",
    "intend",
    "intends",
    "aim",
    "aims",
    "hope",
    "hopes",
    "expect",
    "expects",
    "want",
    "wants",
    "seek",
    "seeks",
    "vow",
    "vows",
    "threaten",
    "threatens",
];

/// Present verbs of saying: their tense is the report's, not the event's; the
/// scan passes over them ("officials say the talks resumed Monday").
const REPORTING: &[&str] = &[
    "say",
    "says",
    "tell",
    "tells",
    "add",
    "adds",
    "report",
    "reports",
    "according",
    "insists",
    "insist",
    "believe",
    "believes",
    "think",
    "thinks",
];

/// Auxiliaries that make a following participle past ("was found", "had
/// left", "have cared").
const PAST_AUX: &[&str] = &[
    "was", "were", "had", "has", "have", "'ve", "’ve", "been", "having",
];
/// Auxiliaries that make a following participle present ("is heard").
const PRESENT_AUX: &[&str] = &["is", "are", "am", "be", "being", "'s", "’s", "'re", "’re"];

/// How many words the scan looks at on each side of the expression.
const WINDOW: usize = 24;

/// The tense of the clause holding words `first..=last` (indices into
/// `words.words`); `low(i)` is word `i` lower-cased.
pub(super) fn tense<'a>(
    words: &Words,
    first: usize,
    last: usize,
    low: &dyn Fn(usize) -> &'a str,
) -> Tense {
    let ws = &words.words;
    let Some(sentence) = ws.get(first).map(|w| w.sentence) else {
        return Tense::Unknown;
    };
    let tag = |i: usize| verb_part(words.pos.get(i));
    // backwards from the expression to the sentence start
    let mut i = first;
    let mut seen = 0;
    while i > 0 && seen < WINDOW {
        i -= 1;
        seen += 1;
        if ws[i].sentence != sentence {
            break;
        }
        if let Some(t) = verb_tense(i, low, &tag, true) {
            return t;
        }
        if low(i) == ";" {
            break;
        }
    }
    // then forwards to its end ("On Tuesday, the league plans to hold ...")
    let mut i = last + 1;
    let mut seen = 0;
    while i < ws.len() && ws[i].sentence == sentence && seen < WINDOW {
        if let Some(t) = verb_tense(i, low, &tag, false) {
            return t;
        }
        i += 1;
        seen += 1;
    }
    Tense::Unknown
}

/// The tense word `i` sets, if it is (the head of) a verb group; `None` to
/// keep scanning. `backwards`: the scan comes from the right, so an
/// infinitive's verb has been passed already and "to" decides.
fn verb_tense<'a>(
    i: usize,
    low: &dyn Fn(usize) -> &'a str,
    tag: &dyn Fn(usize) -> &'static str,
    backwards: bool,
) -> Option<Tense> {
    let l = low(i);
    let t = tag(i);
    let prev = if i > 0 { low(i - 1) } else { "" };
    if matches!(l, "will" | "shall" | "won't" | "wo" | "shan't")
        || l.ends_with("'ll")
        || l.ends_with("’ll")
    {
        return Some(Tense::Future);
    }
    if l == "going" && low(i + 1) == "to" {
        return Some(Tense::Future);
    }
    if l == "as" && i >= 2 && matches!(prev, "soon" | "early") && low(i - 2) == "as" {
        // "as soon as Tuesday", "as early as next week"
        return Some(Tense::Future);
    }
    // a participle before a noun modifies it ("planned outages", "the
    // expected rise"): no clause tense of its own
    let before_noun = tag(i + 1).starts_with("NN") && !matches!(low(i + 1), "to" | "for");
    if FUTURE_PARTICIPLES.contains(&l) && matches!(t, "VBN" | "JJ" | "VBD" | "") && !before_noun {
        // "is expected to", "set for April"; "set" as a past verb ("set a
        // record") only with an auxiliary or "to"/"for" after it
        let next = low(i + 1);
        let aux = PRESENT_AUX.contains(&prev) || PAST_AUX.contains(&prev) || prev == "be";
        if l != "set" || aux || matches!(next, "to" | "for") {
            // "were slated to meet on December 1": a plan seen from the past
            // may have fallen either side of the anchor
            // (so is "had been due to expire Friday")
            if matches!(prev, "was" | "were") || (prev == "been" && i >= 2 && low(i - 2) == "had") {
                return Some(Tense::Unknown);
            }
            return Some(Tense::Future);
        }
    }
    if FUTURE_VERBS.contains(&l) && low(i + 1) == "to" {
        return Some(Tense::Future);
    }
    if l == "to" && backwards && matches!(prev, "is" | "are" | "was" | "were") {
        // "is to resume trading Tuesday"
        return Some(Tense::Future);
    }
    if REPORTING.contains(&l) {
        return None;
    }
    if matches!(
        l,
        "would" | "could" | "might" | "may" | "can" | "should" | "must"
    ) && t == "MD"
    {
        return Some(Tense::Unknown);
    }
    match t {
        "VBD" => Some(Tense::Past),
        "VBN" => {
            // the auxiliary before it (adverbs skipped) decides
            let mut j = i;
            for _ in 0..3 {
                if j == 0 {
                    break;
                }
                j -= 1;
                let a = low(j);
                if matches!(a, "be" | "been") && j > 0 {
                    // "will be named", "to be held", "could be held"
                    let b = low(j - 1);
                    // "was due to be released", "were expected to be
                    // named": a plan seen from the past, either side
                    if b == "to"
                        && j >= 3
                        && FUTURE_PARTICIPLES.contains(&low(j - 2))
                        && matches!(low(j - 3), "was" | "were")
                    {
                        return Some(Tense::Unknown);
                    }
                    if matches!(b, "will" | "shall" | "to")
                        || b.ends_with("'ll")
                        || b.ends_with("’ll")
                    {
                        return Some(Tense::Future);
                    }
                    if tag(j - 1) == "MD" {
                        return Some(Tense::Unknown);
                    }
                }
                if PRESENT_AUX.contains(&a) {
                    return Some(Tense::Present);
                }
                if PAST_AUX.contains(&a) {
                    return Some(Tense::Past);
                }
                if matches!(a, "will" | "shall") || a.ends_with("'ll") {
                    return Some(Tense::Future);
                }
                if !tag(j).starts_with("RB") {
                    break;
                }
            }
            Some(Tense::Past)
        }
        "VBZ" | "VBP" => Some(Tense::Present),
        _ => None,
    }
}

/// The verb part of a tag: a contraction's tag joins its parts with `+`
/// ("didn't" `VBD+RB`, "it's" `PRP+VBZ`); the first verb or modal part counts.
fn verb_part(tag: &'static str) -> &'static str {
    if !tag.contains('+') {
        return tag;
    }
    tag.split('+')
        .find(|p| p.starts_with("VB") || *p == "MD")
        .unwrap_or(tag)
}

/// A future marker ([`FUTURE_MARKERS`](super::lexicon::FUTURE_MARKERS)) among the few words before `span`
/// in its sentence.
pub(super) fn future_marker(text: &str, words: &Words, span: Span) -> bool {
    let ws = &words.words;
    let sent_start = words
        .sentence_at(span.start)
        .and_then(|x| words.sentences.get(x))
        .map_or(0, |s| s.start);
    let window = words.word_at(span.start).saturating_sub(FUTURE_WINDOW);
    let from = ws.get(window).map_or(0, |w| w.span.start).max(sent_start);
    let before = format!(
        " {} ",
        text.get(from..span.start).unwrap_or("").to_lowercase()
    );
    FUTURE_MARKERS.iter().any(|m| before.contains(m))
}
