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
//! * **A lone determiner as source.** "the" of "the spokesman said" grows
//!   over the rest of its noun phrase ("the spokesman").
//! * **Sources running on.** A source ends before an apposition's comma
//!   (not between a possessive title and a name, "Malaysia's Prime
//!   Minister, Najib Razak") and never with a preposition or punctuation
//!   ("Bolden to" → "Bolden").
//! * **A missing source.** "Hillary Clinton is promoting her plans", "a
//!   friend commented: …": a cue left without a source (or with one that
//!   holds no noun or pronoun, "raising") takes the noun phrase
//!   or pronoun it follows as its subject (over auxiliaries and adverbs
//!   between them), when that noun phrase opens its clause; over an
//!   apposition or relative clause between commas, and from a participle
//!   after a comma ("…, insisting that …") or a coordinated verb ("… and
//!   came away convinced that …") to the subject of the sentence;
//!   a nominal cue takes its possessor ("his reply to", "Obama's claim");
//!   a quotation with neither cue nor source after a sentence ending in a
//!   colon ("X issued the following statement: “…”") takes the colon as
//!   cue and that sentence's subject as source (over an introductory
//!   phrase holding a date, "On July 6, 2015, Lee made …", or closed by a
//!   dash; a subject over "Mr" "." of "Mr. Smith"); one after a
//!   comma ("…, asserting, “…”", "…, who joked of the museum, “…”") takes
//!   the last verb of the clause before the comma as cue. Dev direct
//!   content+source 0.894 → 0.904.
//! * **A source away from its subject.** A source found before the cue, or
//!   after it but neither right after it ("…, said X"), after "by", nor the
//!   subject of a trailer of its own ("…, sources said."), yields to the
//!   noun phrase right before the cue ("Last month the agency warned
//!   officials. Johnson did not identify …": "Johnson").
//! * **Passive cues.** "They were denied visas", "he was told to leave": the
//!   subject of a passive verb is not its source; such an attribution (cue a
//!   past participle after a form of "be") is dropped unless its source is
//!   the agent ("has been endorsed by X").
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
    atts.retain(|a| !plain_object_of_finding_verb(doc, a) && !passive_subject_as_source(doc, a));
    for a in &mut atts {
        colon_lead_in(doc, a);
        if a.source.is_empty()
            || !a.source.iter().any(|s| has_nominal(doc, *s))
            || closed_relative_pronoun(doc, a)
        {
            if let Some(src) = subject_before_cue(doc, a, false) {
                a.source = vec![src];
            }
        } else if let Some(cue) = a.cue.iter().min_by_key(|c| c.start)
            && (a.source.iter().all(|s| s.end <= cue.start) || source_far_after_cue(doc, a))
            && let Some(subj) = subject_before_cue(doc, a, true)
            && !a.source.iter().any(|s| s.overlaps(subj))
        {
            a.source = vec![subj];
        }
        let taken: Vec<Span> = a.cue.iter().chain(&a.content).copied().collect();
        if let Some(first) = a.source.first_mut() {
            *first = grow_source(
                doc,
                trim_source(doc, complete_determiner(doc, *first, &taken)),
            );
            *first = complete_title(doc, *first, &taken);
            if let Some(cue) = a.cue.iter().min_by_key(|c| c.start) {
                *first = grow_source_to_cue(doc, *first, *cue);
            }
        }
        // a source of only whole function words ("by") names no one (a
        // part of a token, "He" of "He's", is not judged)
        if !a.source.is_empty()
            && a.source.iter().all(|s| {
                let (x, y) = tok_range(doc, *s);
                y > x && !has_nominal(doc, *s) && !(x..y).any(|k| names_inside(doc, k))
            })
        {
            a.source.clear();
        }
    }
    atts.retain(|a| !crate::spurious::nothing_said(doc, a));
    if let Some(d) = doc.meta.dateline.as_ref().and_then(|d| d.span) {
        for a in &mut atts {
            clip_dateline(doc, &mut a.source, d);
        }
    }
    doc.attributions = atts;
}

/// A source never holds the dateline before it ("MOSCOW (Sputnik) -
/// Russian President Vladimir Putin" → "Russian President Vladimir Putin"):
/// a source span reaching across the dateline's end starts at the first
/// token after it (a source inside the dateline is left alone).
fn clip_dateline(doc: &Document, source: &mut [Span], dateline: Span) {
    let toks = &doc.layers.tokens;
    for s in source.iter_mut() {
        if s.start < dateline.end && dateline.end < s.end {
            let k = toks.partition_point(|t| t.span().start < dateline.end);
            if let Some(t) = toks.get(k).filter(|t| t.span().start < s.end) {
                s.start = t.span().start;
            }
        }
    }
}

fn tok_range(doc: &Document, span: Span) -> (usize, usize) {
    let t = &doc.layers.tokens;
    let a = t.partition_point(|x| x.span().start < span.start);
    let b = a + t[a..].partition_point(|x| x.span().end <= span.end);
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

/// The source cut before its first comma (an apposition: "U.S. Senator John
/// Cornyn, Republican from Texas,") when a noun precedes it, and without
/// trailing prepositions, determiners or punctuation ("Bolden to", "Boris
/// Johnson over").
fn trim_source(doc: &Document, src: Span) -> Span {
    let (x, mut y) = tok_range(doc, src);
    if y <= x {
        return src;
    }
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    if let Some(c) = (x..y).find(|&k| doc.slice(toks[k].span()) == ",")
        && (x..c).any(|k| is_noun(pos[k]) || pos[k] == "PRP")
        && !title_then_name(doc, x, c, y)
    {
        y = c;
    }
    while y > x + 1 {
        let t = pos[y - 1];
        let w = doc.slice(toks[y - 1].span());
        let punct = !w.chars().any(char::is_alphanumeric);
        if punct || matches!(t, "IN" | "TO" | "DT" | "CC") {
            y -= 1;
        } else {
            break;
        }
    }
    if y == x {
        return src;
    }
    Span::new(
        toks[x].span().start,
        toks[y - 1]
            .span()
            .end
            .min(src.end)
            .max(toks[x].span().start),
    )
}

/// "Malaysia's Prime Minister, Jane Doe": a possessive title before the comma
/// and only a name (two or more proper nouns) after it, ending the source:
/// the name is the speaker, the comma no apposition to cut.
fn title_then_name(doc: &Document, x: usize, c: usize, y: usize) -> bool {
    let pos = &doc.layers.pos;
    let name = c + 1..y;
    name.len() >= 2
        && name.clone().all(|k| pos[k] == "NNP")
        && (x..c).any(|k| pos[k] == "POS" || pos[k].ends_with("+POS"))
        && (x..c).all(|k| pos[k].starts_with("NNP") || pos[k] == "POS" || pos[k].ends_with("+POS"))
}

/// A source that is a lone determiner ("the" of "the spokesman said", cut by
/// the tagger's boundary) grown over the rest of its noun phrase to the
/// right, within its sentence and never into the cue or the content
/// (`taken`).
fn complete_determiner(doc: &Document, src: Span, taken: &[Span]) -> Span {
    let (x, y) = tok_range(doc, src);
    if y != x + 1 || !matches!(doc.layers.pos[x], "DT" | "PRP$") {
        return src;
    }
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    let mut end = y;
    while end < toks.len()
        && toks[end].sentence() == toks[x].sentence()
        && np_internal(pos[end])
        && pos[end] != "DT"
        && !taken.iter().any(|t| t.overlaps(toks[end].span()))
    {
        end += 1;
    }
    // a noun phrase needs its head noun
    if end == y || !is_noun(pos[end - 1]) {
        return src;
    }
    Span::new(src.start, toks[end - 1].span().end)
}

/// A quotation with neither cue nor source right after a sentence ending
/// in a colon ("Sanders made the following comment: “…”", "The party
/// issued a statement: “…”") takes the colon as cue and the subject of that
/// sentence as source.
fn colon_lead_in(doc: &Document, a: &mut Attribution) {
    if !a.cue.is_empty() || !a.source.is_empty() {
        return;
    }
    let Some(first) = a.content.first() else {
        return;
    };
    let toks = &doc.layers.tokens;
    let (x, _) = tok_range(doc, *first);
    // the colon: the last token before the content, over an opening mark
    let mut c = x;
    while c > 0
        && !doc
            .slice(toks[c - 1].span())
            .chars()
            .any(char::is_alphanumeric)
    {
        if matches!(doc.slice(toks[c - 1].span()), ":" | ",") {
            break;
        }
        c -= 1;
    }
    if c == 0 {
        return;
    }
    if doc.slice(toks[c - 1].span()) == "," {
        // "X, asserting, “…”", "Y, who joked of the museum, “…”": the verb
        // of the clause before the comma is the cue (the source is found
        // for it as for any source-less cue)
        if let Some(v) = clause_verb_before(doc, c - 1) {
            a.cue = vec![toks[v].span()];
        }
        return;
    }
    if doc.slice(toks[c - 1].span()) != ":" {
        return;
    }
    let colon = c - 1;
    if let Some((j, e)) = sentence_subject(doc, colon) {
        a.source = vec![Span::new(toks[j].span().start, toks[e - 1].span().end)];
        a.cue = vec![toks[colon].span()];
    }
}

/// The last full verb (past, present or participle; no auxiliary) of the
/// clause ending at the comma `comma`, within six tokens of it and the same
/// sentence, with no clause punctuation between.
fn clause_verb_before(doc: &Document, comma: usize) -> Option<usize> {
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    let sent = toks[comma].sentence();
    (comma.saturating_sub(6)..comma)
        .rev()
        .take_while(|&k| {
            toks[k].sentence() == sent
                && !matches!(
                    doc.slice(toks[k].span()),
                    "," | ";" | ":" | "--" | "—" | "–"
                )
        })
        .find(|&k| {
            matches!(pos[k], "VBD" | "VBZ" | "VBP" | "VBG")
                && !is_auxiliary(&doc.slice(toks[k].span()).to_lowercase())
        })
}

/// Titles abbreviated before a name ("Mr.", "Sen.").
const NAME_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof", "rev",
    "adm", "maj",
];

/// A source ending with an abbreviated title ("Mr" of "Mr. Netanyahu") grown
/// over its period and the proper nouns after it, within its sentence and
/// never into the cue or the content (`taken`).
fn complete_title(doc: &Document, src: Span, taken: &[Span]) -> Span {
    let (x, y) = tok_range(doc, src);
    if y <= x {
        return src;
    }
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    let last = doc
        .slice(toks[y - 1].span())
        .trim_end_matches('.')
        .to_lowercase();
    if !NAME_TITLES.contains(&last.as_str()) {
        return src;
    }
    let sent = toks[y - 1].sentence();
    let free = |k: usize| {
        k < toks.len()
            && toks[k].sentence() == sent
            && !taken.iter().any(|t| t.overlaps(toks[k].span()))
    };
    let mut end = y;
    if free(end) && doc.slice(toks[end].span()) == "." {
        end += 1;
    }
    let name_start = end;
    while free(end) && pos[end].starts_with("NNP") {
        end += 1;
    }
    if end == name_start {
        return src;
    }
    Span::new(src.start, toks[end - 1].span().end)
}

/// The source grown over "NOUN PREP [NP]" to its left, within its sentence.
fn grow_source(doc: &Document, src: Span) -> Span {
    let (x, y) = tok_range(doc, src);
    if y <= x {
        return src;
    }
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    let sent = toks[x].sentence();
    let same = |k: usize| toks[k].sentence() == sent;
    let mut start = x;
    loop {
        // the NP the current start belongs to
        let mut j = start;
        while j > 0 && same(j - 1) && np_internal(pos[j - 1]) {
            j -= 1;
        }
        // a preposition after a noun: "doctor [on] the scene",
        // "ambassador [to] Britain"
        if j >= 2
            && same(j - 2)
            && matches!(pos[j - 1], "IN" | "TO")
            && matches!(
                doc.slice(toks[j - 1].span()).to_lowercase().as_str(),
                "of" | "on" | "for" | "at" | "from" | "with" | "in" | "to"
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
        Span::new(toks[start].span().start, src.end)
    }
}

/// The source grown over "PREP NP" to its right when that reaches its cue
/// (over auxiliaries): "The National Institute | on Drug Abuse has
/// estimated …".
fn grow_source_to_cue(doc: &Document, src: Span, cue: Span) -> Span {
    let (x, y) = tok_range(doc, src);
    let (c, _) = tok_range(doc, cue);
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    if y <= x || y + 1 >= c || src.end > cue.start || !is_noun(pos[y - 1]) {
        return src;
    }
    let prep = doc.slice(toks[y].span()).to_lowercase();
    if pos[y] != "IN" || !matches!(prep.as_str(), "of" | "on" | "for") {
        return src;
    }
    let mut k = y + 1;
    while k < c && np_internal(pos[k]) {
        k += 1;
    }
    if k == y + 1 || !is_noun(pos[k - 1]) || toks[k - 1].sentence() != toks[x].sentence() {
        return src;
    }
    let aux_only = (k..c).all(|j| is_auxiliary(&doc.slice(toks[j].span()).to_lowercase()));
    if aux_only {
        Span::new(src.start, toks[k - 1].span().end)
    } else {
        src
    }
}

/// The source is a lone relative pronoun whose clause a comma closes before
/// the cue ("Ann Lee, who watched the vote, said …", "…, the head of the
/// union, which backs the bill, said …"): the cue is not its verb.
fn closed_relative_pronoun(doc: &Document, a: &Attribution) -> bool {
    let (Some(src), Some(cue)) = (a.source.first(), a.cue.iter().min_by_key(|c| c.start)) else {
        return false;
    };
    let (sx, sy) = tok_range(doc, *src);
    let (cx, _) = tok_range(doc, *cue);
    if a.source.len() != 1
        || sy != sx + 1
        || !matches!(doc.layers.pos[sx], "WP" | "WDT")
        || cx <= sy + 1
    {
        return false;
    }
    let toks = &doc.layers.tokens;
    let mut k = cx;
    while k > sy && is_auxiliary(&doc.slice(toks[k - 1].span()).to_lowercase()) {
        k -= 1;
    }
    k > sy && doc.slice(toks[k - 1].span()) == ","
}

/// A span holding a noun, a pronoun or a number: a possible mention
/// (a source of only verbs or function words, "raising", is none).
fn has_nominal(doc: &Document, span: Span) -> bool {
    let (x, y) = tok_range(doc, span);
    (x..y).any(|k| {
        let t = doc.layers.pos[k];
        // a contraction's first part ("He's": PRP+VBZ)
        let first = t.split('+').next().unwrap_or(t);
        is_noun(t)
            || matches!(first, "PRP" | "PRP$" | "WP" | "WDT" | "CD" | "DT")
            || matches!(
                doc.slice(doc.layers.tokens[k].span())
                    .to_lowercase()
                    .as_str(),
                "many" | "few" | "several" | "most" | "both" | "all"
            )
    })
}

/// Token `k` is capitalised: maybe a name the tagger took for another part
/// of speech ("Democratic Sen. …" cut to "Democratic").
fn names_inside(doc: &Document, k: usize) -> bool {
    doc.slice(doc.layers.tokens[k].span())
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Words that may stand between a subject and its cue verb.
fn is_auxiliary(w: &str) -> bool {
    AUXILIARIES.contains(&w)
}

/// Auxiliaries, negation and a few adverbs between a subject and its verb,
/// lower-cased, contractions in both apostrophes.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "will", "would", "can", "could", "may", "might", "must", "shall", "should", "not", "n't",
    "n’t", "also", "never", "'s", "’s", "'re", "’re", "'ve", "’ve", "'d", "’d", "'ll", "’ll", "'m",
    "’m",
];

/// The subject of a source-less attribution: the noun phrase (or pronoun)
/// right before its first cue, over auxiliaries and adverbs, opening its
/// clause (at the sentence start or after punctuation, a conjunction or a
/// preposition) and overlapping neither the cue nor the content. Over an
/// apposition or a relative clause between commas ("Mark Jones, an attorney
/// for the firm, stressed …") the noun phrase before the first comma; for a
/// participle after a comma ("Lee spoke for an hour, insisting …") or a
/// coordinated verb ("… and came away convinced") the subject opening the
/// sentence.
///
/// With `strict` (to replace a source found elsewhere), only a noun phrase
/// right before the cue, opening its sentence or following punctuation or a
/// conjunction.
fn subject_before_cue(doc: &Document, a: &Attribution, strict: bool) -> Option<Span> {
    let cue = a.cue.iter().min_by_key(|c| c.start)?;
    let (x, y) = tok_range(doc, *cue);
    if y <= x {
        return None;
    }
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    let sent = toks[x].sentence();
    let same = |k: usize| toks[k].sentence() == sent;
    // a possessor before a nominal cue: "his claim", "Obama's response to"
    if x > 0 && same(x - 1) && pos[x].starts_with("NN") && !pos[x].contains('+') {
        let found = if pos[x - 1] == "PRP$" {
            Some((x - 1, x))
        } else if pos[x - 1].ends_with("+POS") {
            np_before(doc, x, true)
        } else if pos[x - 1] == "POS" && x >= 2 && same(x - 2) {
            np_before(doc, x - 1, true).map(|(j, _)| (j, x))
        } else {
            None
        };
        if let Some((j, e)) = found {
            let span = Span::new(toks[j].span().start, toks[e - 1].span().end);
            if !a.content.iter().chain(&a.cue).any(|c| c.overlaps(span)) {
                return Some(span);
            }
        }
    }
    let mut k = x;
    while k > 0
        && same(k - 1)
        && (pos[k - 1].starts_with("RB")
            || pos[k - 1] == "MD"
            || is_auxiliary(&doc.slice(toks[k - 1].span()).to_lowercase()))
    {
        k -= 1;
    }
    if k == 0 || !same(k - 1) {
        return None;
    }
    let before = doc.slice(toks[k - 1].span());
    let (j, e) = if strict {
        let (j, e) = np_before(doc, k, false)?;
        if j > 0
            && same(j - 1)
            && matches!(pos[j - 1], "IN" | "RB")
            && !is_subordinator(&doc.slice(toks[j - 1].span()).to_lowercase())
        {
            return None;
        }
        (j, e)
    } else if pos[k - 1] == "CC" && matches!(before, "and" | "but") && pos[x].starts_with("VB") {
        // a coordinated verb phrase: "Lee met the mayor and came away convinced …"
        sentence_subject(doc, x)?
    } else if before == "," {
        if pos[x] == "VBG" {
            sentence_subject(doc, x)?
        } else {
            // the comma opening the apposition or relative clause
            let lo = (k - 1).saturating_sub(25);
            let c = (lo..k - 1)
                .rev()
                .take_while(|&m| same(m))
                .find(|&m| doc.slice(toks[m].span()) == ",")?;
            np_before(doc, c, false)?
        }
    } else {
        // a participle right after its noun ("a poll showing …", "a group
        // backing …") modifies it, wherever the noun phrase stands
        np_before(doc, k, k == x && pos[x] == "VBG")?
    };
    let last = toks[e - 1].span();
    // "It’s" as one token: the subject ends at its apostrophe
    let end = match doc.slice(last).find(['\'', '’']) {
        Some(i) if i > 0 && pos[e - 1].contains('+') => last.start + i,
        _ => last.end,
    };
    let span = Span::new(toks[j].span().start, end);
    if a.content.iter().chain(&a.cue).any(|c| c.overlaps(span)) {
        return None;
    }
    Some(span)
}

/// The source lies after the cue but not right after it, nor after "by"
/// (neither "…, said X" nor "was told by X") and not the subject of a
/// trailer of its own ("…, sources said."): a mention in the content or the
/// next clause, not the speaker.
fn source_far_after_cue(doc: &Document, a: &Attribution) -> bool {
    let (Some(cue), Some(src)) = (a.cue.iter().max_by_key(|c| c.end), a.source.first()) else {
        return false;
    };
    if src.start < cue.end {
        return false;
    }
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    let (ce, _) = tok_range(doc, Span::new(cue.end, cue.end));
    let (sx, sy) = tok_range(doc, *src);
    if sx <= ce || sy <= sx {
        return false;
    }
    // the subject of a trailer of its own ("…, sources said."): a speaker
    let mut v = sy;
    while v < toks.len() && pos[v].starts_with("RB") {
        v += 1;
    }
    if v < toks.len()
        && pos[v].starts_with("VB")
        && (v + 1 == toks.len()
            || toks[v + 1].sentence() != toks[v].sentence()
            || matches!(doc.slice(toks[v + 1].span()), "." | "," | ";"))
    {
        return false;
    }
    let words = (ce..sx)
        .filter(|&k| doc.slice(toks[k].span()).chars().any(char::is_alphanumeric))
        .count();
    words > 0 && !doc.slice(toks[sx - 1].span()).eq_ignore_ascii_case("by")
}

/// Subordinating words that may open a clause before its subject.
fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "when" | "while" | "because" | "if" | "although" | "though" | "whether" | "that" | "once"
    )
}

/// The noun phrase or pronoun ending right before token `end`, as a token
/// range, when it opens its clause (sentence start, punctuation, a
/// conjunction or a preposition before it) or, with `anywhere`, wherever it
/// stands.
fn np_before(doc: &Document, end: usize, anywhere: bool) -> Option<(usize, usize)> {
    if end == 0 {
        return None;
    }
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    let sent = toks[end - 1].sentence();
    let same = |k: usize| toks[k].sentence() == sent;
    // a subject fused with its auxiliary ("It’s", "he’s": PRP+VBZ) counts
    let head = match pos[end - 1].split_once('+') {
        Some((h, aux)) if aux.starts_with("VB") || aux == "MD" => h,
        _ => pos[end - 1],
    };
    let mut j = end - 1;
    if head == "PRP" || head == "WP" {
        // a pronoun stands alone
    } else if is_noun(head) {
        loop {
            while j > 0 && same(j - 1) && np_internal(pos[j - 1]) {
                j -= 1;
            }
            // a name joined by "&" ("Social Science & Medicine", "Procter & Gamble")
            if j >= 2 && same(j - 2) && doc.slice(toks[j - 1].span()) == "&" && is_noun(pos[j - 2])
            {
                j -= 2;
            } else {
                break;
            }
        }
    } else {
        return None;
    }
    if !anywhere && j > 0 && same(j - 1) {
        let w = doc.slice(toks[j - 1].span());
        let punct = !w.chars().any(char::is_alphanumeric);
        if !(punct || matches!(pos[j - 1], "CC" | "IN" | "RB")) {
            return None;
        }
    }
    Some((j, end))
}

/// The subject opening the sentence of token `x` (after an introductory
/// phrase closed by a comma), when a verb follows it before `x`.
fn sentence_subject(doc: &Document, x: usize) -> Option<(usize, usize)> {
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    let sent = toks[x].sentence();
    let mut s0 = x;
    while s0 > 0 && toks[s0 - 1].sentence() == sent {
        s0 -= 1;
    }
    // an introductory phrase: "In the spin room after the debate, …"
    // (a date in it has commas of its own: "On July 6, 2015, Sanders …")
    // (or by a dash: "If we lived in normal times -- with … -- a reader …")
    if pos[s0] == "IN" || pos[s0].starts_with("RB") {
        let dash = |m: usize| matches!(doc.slice(toks[m].span()), "-" | "--" | "—" | "–");
        let mut c = (s0..x)
            .find(|&m| doc.slice(toks[m].span()) == ",")
            .or_else(|| (s0..x).rev().find(|&m| dash(m)))?;
        while c + 2 < x && pos[c + 1] == "CD" && doc.slice(toks[c + 2].span()) == "," {
            c += 2;
        }
        s0 = c + 1;
    }
    let mut e = s0;
    while e < x
        && (np_internal(pos[e])
            || doc.slice(toks[e].span()) == "."
                && e > s0
                && NAME_TITLES.contains(&doc.slice(toks[e - 1].span()).to_lowercase().as_str()))
    {
        e += 1;
    }
    if e == s0 && e < x && pos[e] == "PRP" {
        e += 1;
    }
    if e == s0 || e >= x || !(is_noun(pos[e - 1]) || pos[e - 1] == "PRP") {
        return None;
    }
    // a verb of the main clause follows the subject (over an adverb:
    // "Mr. Trump hardly clarified …")
    let v = if pos[e].starts_with("RB") && e + 1 < x {
        e + 1
    } else {
        e
    };
    (pos[v].starts_with("VB") || pos[v] == "MD").then_some((s0, e))
}

/// A passive cue ("were denied") whose source is not its agent ("by X").
fn passive_subject_as_source(doc: &Document, a: &Attribution) -> bool {
    let (Some(cue), Some(src)) = (a.cue.first(), a.source.first()) else {
        return false;
    };
    let (x, y) = tok_range(doc, *cue);
    if y <= x || x == 0 {
        return false;
    }
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    // "endorsed by X": the agent is the source
    let (sx, _) = tok_range(doc, *src);
    if src.start >= cue.end && sx > 0 && doc.slice(toks[sx - 1].span()).eq_ignore_ascii_case("by") {
        return false;
    }
    // the verb of the cue: its first VBN, with only adverbs between "be" and it
    let Some(v) = (x..y).find(|&k| pos[k] == "VBN") else {
        return false;
    };
    let mut k = v;
    while k > 0 && pos[k - 1].starts_with("RB") {
        k -= 1;
    }
    k > 0
        && toks[k - 1].sentence() == toks[v].sentence()
        && matches!(
            doc.slice(toks[k - 1].span()).to_lowercase().as_str(),
            "was" | "were" | "is" | "are" | "been" | "being" | "be" | "get" | "got"
        )
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
            let w = doc.slice(doc.layers.tokens[k].span());
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

#[cfg(test)]
mod tests {
    use quotewire_doc::{Alignment, Document, Span};

    #[test]
    fn a_source_never_holds_the_dateline() {
        let text = "LYON (Agence) - Regional Mayor Ana Ruiz said the bridge would reopen.";
        let mut d = Document::new("t", text.to_string(), Alignment::identity());
        quotewire_segment::segment(&mut d);
        let dateline = Span::new(0, "LYON (Agence) -".len());
        let name_end = text.find(" said").unwrap_or(0);
        let mut source = vec![Span::new(0, name_end), Span::new(0, 4)];
        super::clip_dateline(&d, &mut source, dateline);
        assert_eq!(d.slice(source[0]), "Regional Mayor Ana Ruiz");
        // a source inside the dateline is left alone
        assert_eq!(d.slice(source[1]), "LYON");
    }
}
