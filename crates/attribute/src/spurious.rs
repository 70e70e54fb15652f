//! Attributions where nothing is said or claimed, dropped after the
//! repairs (they need the POS layer; without it nothing is dropped). Each
//! test reads only the tokens of the attribution's own spans.
//!
//! * **The reader addressed.** "If you want to take better photos", "you
//!   should consider …", "you can buy a lens": a second-person source
//!   outside quotation marks is the reader of a how-to page, and unless
//!   the cue is a verb of speech or thought ("you say", "you believe") no
//!   one is reported.
//! * **Generic plurals doing things.** "Companies are always looking for
//!   photographers", "many photographers offer …": a bare plural subject
//!   (at most a quantifier before it) with a cue holding no word of the cue
//!   lexicon is a statement about a class, not an attribution.
//! * **Colons that introduce no speech.** "Client Wins: Fortune 500
//!   brands": a colon cue whose content has no verb and no quotation, or a
//!   colon cue with no source and no quotation, is a label or a list.
//! * **Participles inside a noun phrase.** "were sparked by proposed
//!   legislation", "the alleged plan": a one-word cue between a preposition
//!   or determiner and the noun it modifies, with no source, is an
//!   adjective.
//! * **Calling an event off.** "the president called off the talks",
//!   "they broke off negotiations": a verb with the particle "off" that
//!   cancels or ends something, with a plain object (no proposition), is
//!   an act, not a statement (PARC 3.0 attributes what is said or
//!   thought; an act reported says nothing).

use crate::lexicon::{CUES, CueClass};
use quotewire_doc::{Attribution, Document, QuoteKind, Span};

/// True when `a` reports nothing (see the module documentation).
pub fn nothing_said(doc: &Document, a: &Attribution) -> bool {
    if doc.layers.pos.len() != doc.layers.tokens.len() {
        return false;
    }
    reader_addressed(doc, a)
        || generic_plural(doc, a)
        || empty_colon(doc, a)
        || adjectival_cue(doc, a)
        || called_off(doc, a)
}

/// Token indices `[a, b)` of the tokens overlapping `span` ("you" of
/// "you're" is in that token).
fn toks_of(doc: &Document, span: Span) -> (usize, usize) {
    let t = &doc.layers.tokens;
    let a = t.partition_point(|x| x.span().end <= span.start);
    let b = a + t[a..].partition_point(|x| x.span().start < span.end);
    (a, b)
}

fn lower(doc: &Document, k: usize) -> String {
    doc.slice(doc.layers.tokens[k].span()).to_lowercase()
}

/// Lexicon class of `w` or of a form of its verb ("want" → "wants").
fn cue_class(w: &str) -> Option<CueClass> {
    let find = |x: &str| CUES.iter().find(|(c, _)| *c == x).map(|(_, k)| *k);
    find(w)
        .or_else(|| find(&format!("{w}s")))
        .or_else(|| find(&format!("{w}ed")))
        .or_else(|| w.strip_suffix("ing").and_then(|s| find(&format!("{s}s"))))
}

/// The cue's verbs, lower case ("not" of "not looking" is no form of
/// "note").
fn cue_words(doc: &Document, a: &Attribution) -> Vec<String> {
    a.cue
        .iter()
        .flat_map(|c| {
            let (x, y) = toks_of(doc, *c);
            (x..y)
                .filter(|&k| {
                    let t = doc.layers.pos[k];
                    t.starts_with("VB") || t.contains("+VB")
                })
                .map(|k| lower(doc, k))
        })
        .collect()
}

fn inside_quotes(doc: &Document, span: Span) -> bool {
    doc.layers
        .quotes
        .iter()
        .any(|q| q.inner.start <= span.start && span.end <= q.inner.end)
}

fn reader_addressed(doc: &Document, a: &Attribution) -> bool {
    let [src] = a.source.as_slice() else {
        return false;
    };
    let (x, y) = toks_of(doc, *src);
    let first = lower(doc, x.min(doc.layers.tokens.len() - 1));
    let first = first.split(['\'', '’']).next().unwrap_or("");
    if y <= x || !matches!(first, "you" | "your" | "yourself") {
        return false;
    }
    if a.cue
        .iter()
        .chain(&a.source)
        .any(|s| inside_quotes(doc, *s))
    {
        return false;
    }
    let opens_clause = a.content.iter().min_by_key(|c| c.start).is_some_and(|c| {
        let (x, y) = toks_of(doc, *c);
        y > x
            && matches!(
                lower(doc, x).as_str(),
                "that" | "whether" | "if" | "how" | "why" | "what" | "who" | "when" | "where"
            )
    });
    !opens_clause
        && !cue_words(doc, a).iter().any(|w| {
            matches!(
                cue_class(w),
                Some(
                    CueClass::Say
                        | CueClass::Tell
                        | CueClass::Think
                        | CueClass::Participle
                        | CueClass::Call
                )
            )
        })
}

/// Verbs of seeking and offering: with a plain object nothing is said.
const SEEKING: &[&str] = &[
    "look",
    "looks",
    "looking",
    "search",
    "searches",
    "searching",
    "seek",
    "seeks",
    "seeking",
    "offer",
    "offers",
    "offering",
];

fn generic_plural(doc: &Document, a: &Attribution) -> bool {
    let [src] = a.source.as_slice() else {
        return false;
    };
    let (x, y) = toks_of(doc, *src);
    if y <= x || !doc.layers.pos[y - 1].starts_with("NNS") {
        return false;
    }
    let mut k = x;
    if matches!(lower(doc, k).as_str(), "many" | "most" | "some" | "all") {
        k += 1;
    }
    let bare = (k..y).all(|j| matches!(doc.layers.pos[j], "NNS" | "NN" | "JJ" | "VBG"));
    let words = cue_words(doc, a);
    bare && words.iter().any(|w| SEEKING.contains(&w.as_str()))
        && !words.iter().any(|w| cue_class(w).is_some())
        && !a.content.iter().any(|c| proposition(doc, *c))
}

/// A span holding a verb or opened by a clause word: a proposition.
fn proposition(doc: &Document, c: Span) -> bool {
    let (x, y) = toks_of(doc, c);
    if y > x
        && matches!(
            lower(doc, x).as_str(),
            "that" | "to" | "whether" | "if" | "how" | "why" | "what" | "who" | "when" | "where"
        )
    {
        return true;
    }
    // a verb before any relative word ("photographers who can …" is a noun)
    for k in x..y {
        let t = doc.layers.pos[k];
        if matches!(t, "WP" | "WDT" | "WRB") || lower(doc, k) == "that" {
            return false;
        }
        if (t.starts_with("VB") && t != "VBG")
            || t.starts_with("MD")
            || t.contains("+VB")
            || t.contains("+MD")
        {
            return true;
        }
    }
    false
}

fn empty_colon(doc: &Document, a: &Attribution) -> bool {
    if a.kind == QuoteKind::Direct
        || a.cue.is_empty()
        || !a.cue.iter().all(|c| doc.slice(*c).trim() == ":")
    {
        return false;
    }
    let quoted = a.content.iter().any(|c| {
        doc.layers
            .quotes
            .iter()
            .any(|q| q.inner.start < c.end && c.start < q.inner.end)
    });
    if quoted {
        return false;
    }
    let has_verb = a.content.iter().any(|c| proposition(doc, *c));
    a.source.is_empty() || !has_verb
}

/// Verbs that with "off" cancel or end something ("call off", "break off").
const CANCELLING: &[&str] = &["call", "break", "put", "cut"];

fn called_off(doc: &Document, a: &Attribution) -> bool {
    let [cue] = a.cue.as_slice() else {
        return false;
    };
    let (x, y) = toks_of(doc, *cue);
    if y < x + 2 || lower(doc, y - 1) != "off" {
        return false;
    }
    let verb = lower(doc, y - 2);
    let stem = ["ing", "ed", "s"]
        .iter()
        .find_map(|suf| verb.strip_suffix(suf))
        .unwrap_or(&verb);
    // "called", "broke", "put", "cutting" → the verb of CANCELLING
    let stem = match (verb.as_str(), stem) {
        ("broke" | "broken", _) => "break",
        (_, "cutt") => "cut",
        (_, s) => s,
    };
    let cancelling = CANCELLING.contains(&stem);
    cancelling && !a.content.iter().any(|c| proposition(doc, *c))
}

fn adjectival_cue(doc: &Document, a: &Attribution) -> bool {
    let ([cue], true) = (a.cue.as_slice(), a.source.is_empty()) else {
        return false;
    };
    let (x, y) = toks_of(doc, *cue);
    if y != x + 1 || x == 0 || y >= doc.layers.tokens.len() {
        return false;
    }
    let pos = &doc.layers.pos;
    let toks = &doc.layers.tokens;
    toks[x - 1].sentence() == toks[x].sentence()
        && toks[y].sentence() == toks[x].sentence()
        && matches!(pos[x], "VBN" | "VBD" | "JJ")
        && matches!(pos[x - 1], "IN" | "DT" | "PRP$" | "TO")
        && (pos[y].starts_with("NN") || pos[y] == "JJ")
}

#[cfg(test)]
mod tests {
    use quotewire_doc::{Alignment, Document};

    fn run(text: &str) -> Document {
        let mut d = Document::new("t", text.to_string(), Alignment::identity());
        quotewire_segment::segment(&mut d);
        quotewire_tag::tag(&mut d);
        crate::attribute(&mut d);
        d
    }

    fn cues(text: &str) -> Vec<String> {
        let d = run(text);
        d.attributions
            .iter()
            .map(|a| {
                a.cue
                    .iter()
                    .map(|s| d.slice(*s))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn the_reader_addressed_is_no_source() {
        for text in [
            "If you want to take sharper pictures of birds, buy a longer lens.",
            "Even if you’re not looking to sell your prints online, keep the files.",
            "For a brighter kitchen you should consider painting the walls white.",
        ] {
            assert!(cues(text).is_empty(), "{text}: {:?}", cues(text));
        }
        // speech, thought, or a clause after the cue: kept
        assert!(!cues("You said that the bridge was safe.").is_empty());
        assert!(!cues("You worried about how the money would be spent.").is_empty());
        // second person inside a quotation: the speaker's words
        assert!(!cues("“You want to win,” the coach told the team.").is_empty());
    }

    #[test]
    fn generic_plurals_seeking_things_say_nothing() {
        for text in [
            "Companies are always looking for designers who can draw fast.",
            "Many bakeries offer gluten-free bread as a separate line.",
        ] {
            assert!(cues(text).is_empty(), "{text}: {:?}", cues(text));
        }
        // with a speech or thought verb a generic plural is a source
        assert!(!cues("Economists warned that prices would rise.").is_empty());
    }

    #[test]
    fn calling_an_event_off_says_nothing() {
        for text in [
            "The mayor met the envoy in May. However, the mayor called off the talks over the dispute that had begun a week before.",
            "The union broke off negotiations with the airline on Monday.",
        ] {
            assert!(
                !cues(text).iter().any(|c| c.ends_with("off")),
                "{text}: {:?}",
                cues(text)
            );
        }
        // a proposition after the verb is still reported
        let text = "The mayor said on Monday that the talks would go on.";
        assert!(!cues(text).is_empty(), "{:?}", cues(text));
    }

    #[test]
    fn a_colon_before_a_label_or_list_is_no_cue() {
        let text =
            "Our record\n\nClient Wins: Various bakeries and regional grocers\n\nWe also bake.";
        assert!(
            !cues(text).iter().any(|c| c == ":"),
            "{text}: {:?}",
            cues(text)
        );
        // a headline "X: clause" stays an attribution
        let text = "Our town\n\nMayor Lopez: The bridge will reopen in May\n\nWe also bake.";
        assert!(cues(text).iter().any(|c| c == ":"), "{:?}", cues(text));
    }
}
