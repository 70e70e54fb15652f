//! Noun phrases that corefer with a name by construction: the appositive
//! ("Thomas Reyes, a practising homeopath,", "Ana Ruiz, director of the
//! clinic, said", "Lyon, the country's third city") and the predicate
//! nominative ("Reyes was an engineer", "She is a legend").
//!
//! These are two of the "precise constructs" of Lee et al. (2013),
//! "Deterministic coreference resolution based on entity-centric,
//! precision-ranked rules" (Computational Linguistics 39(4)); GUM and
//! OntoNotes-style annotation mark both as mentions of the named entity.
//!
//! The phrase is found with the tag stage's Penn Treebank tags: an optional
//! determiner or possessive, modifiers, and a singular noun head, closed by
//! punctuation, a preposition or a relative word, never by a verb ("Smith,
//! the company said" is a new clause). The mention added spans the
//! determiner to the head ("a practising homeopath", "director"); a phrase
//! whose head is part of an existing mention is left alone. Linear in the number of
//! mentions (each looks at a few words after it).

use crate::lexicon::{self, key};
use crate::ner::Entities;
use crate::words::Words;
use quotewire_doc::{EntityType, Span};

/// Words of the phrase at most (determiner to head).
const MAX_WORDS: usize = 6;

/// Determiners that may open an appositive or a predicate nominal.
const DETERMINERS: &[&str] = &["a", "an", "the", "his", "her", "its", "their"];

/// Words after which the noun phrase may go on with a complement or a
/// relative clause ("director of the gallery", "a man who").
const CONTINUATIONS: &[&str] = &[
    "of", "for", "at", "in", "from", "with", "on", "to", "who", "which", "that", "and", "since",
];

/// Copulas that introduce a predicate nominal.
const COPULAS: &[&str] = &["is", "was", "became", "becomes", "remains", "remained"];

/// Add the appositives and predicate nominals of every named entity's
/// mentions to that entity (see the module doc).
pub(crate) fn appositions(text: &str, words: &Words, ents: &mut Entities) {
    let index = ents.mention_index();
    let mut found: Vec<(usize, Span)> = Vec::new();
    for &(m, e) in &index {
        let kind = ents.ents[e].kind;
        let k = words.word_at(m.end);
        let Some(next) = words.words.get(k) else {
            continue;
        };
        if next.span.start != m.end && !text[m.end..next.span.start].trim().is_empty() {
            continue;
        }
        let tok = next.span.slice(text);
        let phrase = if tok == "," {
            // an age between the name and the phrase: "Ana Ruiz, 42, a nurse"
            let mut a = k + 1;
            if words.words.get(a).is_some_and(|w| {
                w.is_word && w.span.slice(text).bytes().all(|b| b.is_ascii_digit())
            }) && words
                .words
                .get(a + 1)
                .is_some_and(|w| w.span.slice(text) == ",")
            {
                a += 2;
            }
            appositive(text, words, a, kind)
        } else if kind == EntityType::Person && COPULAS.contains(&key(tok).as_str()) {
            predicate(text, words, k + 1)
        } else {
            None
        };
        // other names may sit inside the phrase ("a USI instructor"), not
        // at its head
        if let Some((s, head)) = phrase
            && words.words[k].sentence == words.words[words.word_at(s.start)].sentence
            && !overlaps(&index, head)
        {
            found.push((e, s));
        }
    }
    // "his wife Ana Reyes", "Tunisia's coach, Ana Reyes": a determined
    // phrase with a lower-case head right before a person's name
    for &(m, e) in &index {
        let first = words.words.get(words.word_at(m.start));
        // a name, not a pronoun ("the fifth time I")
        if ents.ents[e].kind != EntityType::Person
            || !first.is_some_and(|w| w.cap && !stop(w.span.slice(text)))
        {
            continue;
        }
        if let Some((s, head)) = before_name(text, words, words.word_at(m.start))
            && !overlaps(&index, head)
        {
            found.push((e, s));
        }
    }
    for (e, s) in found {
        ents.add_mention(e, s);
    }
}

/// Does any mention of the sorted `index` overlap `s`? (Mentions are short:
/// the few starting just before `s.end` are enough.)
fn overlaps(index: &[(Span, usize)], s: Span) -> bool {
    let k = index.partition_point(|(m, _)| m.start < s.end);
    index[..k].iter().rev().take(8).any(|(m, _)| m.overlaps(s))
}

/// The appositive noun phrase starting at word `i` (after the comma).
fn appositive(text: &str, words: &Words, i: usize, kind: EntityType) -> Option<(Span, Span)> {
    let (span, determined, head) = noun_phrase(text, words, i)?;
    let head_word = words.words[head].span.slice(text);
    let titled = lexicon::title(head_word).is_some();
    // places and organisations: only "the/its/a ..." ("Paris, London" is a list)
    if kind != EntityType::Person && !determined {
        return None;
    }
    // and with a head that names such a thing ("Lyon, the country's third
    // city"), not the next item of a list ("North Korea, the situation in
    // Afghanistan, and ...")
    if kind != EntityType::Person && !titled && lexicon::NOMINALS.get(&key(head_word)).is_none() {
        return None;
    }
    // a bare phrase after a person is a role: lower case or a title word
    if kind == EntityType::Person && !determined && words.words[head].cap && !titled {
        return None;
    }
    // the phrase must end the apposition: punctuation or a complement
    let after = words.words.get(head + 1);
    let closed = after.is_none_or(|w| {
        let t = w.span.slice(text);
        matches!(t, "," | "." | ";" | ")" | ":" | "—" | "–")
            || CONTINUATIONS.contains(&key(t).as_str())
            || w.sentence != words.words[head].sentence
    });
    closed.then_some((span, words.words[head].span))
}

/// The predicate nominal after a copula at word `i`: "a legend", "the
/// centre of ...": a determiner is required ("was elected" is no phrase).
fn predicate(text: &str, words: &Words, i: usize) -> Option<(Span, Span)> {
    let mut i = i;
    // "was also a", "is both an"
    if let Some(w) = words.words.get(i)
        && matches!(key(w.span.slice(text)).as_str(), "also" | "both" | "still")
    {
        i += 1;
    }
    let first = words.words.get(i)?;
    if !matches!(key(first.span.slice(text)).as_str(), "a" | "an" | "the") {
        return None;
    }
    let (span, _, head) = noun_phrase(text, words, i)?;
    let after = words.words.get(head + 1);
    let closed = after.is_none_or(|w| {
        let t = w.span.slice(text);
        !words.pos.get(head + 1).starts_with('V')
            && !words.pos.get(head + 1).starts_with("MD")
            && (matches!(t, "," | "." | ";" | ")" | "\"" | "”" | "!" | "?")
                || CONTINUATIONS.contains(&key(t).as_str())
                || w.sentence != words.words[head].sentence)
    });
    closed.then_some((span, words.words[head].span))
}

/// A noun phrase from word `i`: `(span, has a determiner or possessor,
/// index of the head word)`. Tags: determiners, possessives, adjectives,
/// nouns, numbers and participles as modifiers; the head a singular noun
/// (NN or NNP; plurals are groups, not one entity).
fn noun_phrase(text: &str, words: &Words, i: usize) -> Option<(Span, bool, usize)> {
    let ws = &words.words;
    let first = ws.get(i)?;
    let mut determined = DETERMINERS.contains(&key(first.span.slice(text)).as_str());
    let mut j = if determined { i + 1 } else { i };
    let mut head = None;
    while j < ws.len() && j - i < MAX_WORDS && ws[j].sentence == first.sentence {
        let w = &ws[j];
        let t = w.span.slice(text);
        let tag = words.pos.get(j);
        if t == "'s" || t == "’s" || tag == "POS" {
            // "Malaysia's Prime Minister": the possessor is a determiner
            determined = true;
            head = None;
            j += 1;
            continue;
        }
        if !w.is_word || CONTINUATIONS.contains(&key(t).as_str()) {
            break;
        }
        match tag {
            "NN" | "NNP" => head = Some(j),
            "JJ" | "JJR" | "JJS" | "VBN" | "VBG" | "CD" | "NNS" | "NNPS" | "HYPH" => {
                // a modifier: a head must still come
                head = None;
            }
            "" if !w.cap && !stop(t) => head = Some(j),
            _ => break,
        }
        j += 1;
    }
    let h = head?;
    // the head closes the phrase: the next word is not one more noun of it
    if h + 1 < j {
        return None;
    }
    let hk = key(ws[h].span.slice(text));
    if stop(&hk) || hk.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((Span::new(first.span.start, ws[h].span.end), determined, h))
}

/// Is `word` a function word (the stop-word list holds capitalised forms)?
fn stop(word: &str) -> bool {
    let mut c = word.chars();
    c.next().is_some_and(|f| {
        let cap: String = f.to_uppercase().chain(c).collect();
        lexicon::STOPWORDS.contains(cap.as_str())
    })
}

/// The determined noun phrase with a lower-case singular head that ends
/// right before word `n` (a name), or before a comma there: `(span, head)`.
fn before_name(text: &str, words: &Words, n: usize) -> Option<(Span, Span)> {
    let ws = &words.words;
    let mut h = n.checked_sub(1)?;
    let comma = ws[h].span.slice(text) == ",";
    if comma {
        h = h.checked_sub(1)?;
    }
    let hw = &ws[h];
    let ht = hw.span.slice(text);
    if hw.cap || words.pos.get(h) != "NN" || hw.sentence != ws[n].sentence || stop(ht) {
        return None;
    }
    // across a comma only a role ("the Crown prosecutor, Ana Reyes"; "after
    // the match, Ana Reyes" is a fronted phrase)
    if comma && lexicon::title(ht).is_none() {
        return None;
    }
    let mut a = h;
    while a > 0 && h - a < MAX_WORDS {
        let p = a - 1;
        let t = ws[p].span.slice(text);
        if ws[p].sentence != hw.sentence {
            return None;
        }
        if DETERMINERS.contains(&key(t).as_str()) {
            return Some((Span::new(ws[p].span.start, hw.span.end), hw.span));
        }
        if t == "'s" || t == "’s" || words.pos.get(p) == "POS" {
            // "Tunisia's coach": the possessor opens the phrase
            let q = p.checked_sub(1)?;
            return ws[q]
                .is_word
                .then(|| (Span::new(ws[q].span.start, hw.span.end), hw.span));
        }
        if !matches!(
            words.pos.get(p),
            "JJ" | "JJR" | "JJS" | "NN" | "NNP" | "VBN" | "HYPH" | "CD"
        ) {
            return None;
        }
        a = p;
    }
    None
}

#[cfg(test)]
mod tests {
    use quotewire_doc::{Alignment, Attribution, Document, QuoteKind, Span};

    /// The texts of the mentions of the entity named `name`, after the
    /// whole resolve stage on segmented and tagged text.
    fn mentions(text: &str, name: &str) -> Vec<String> {
        let mut d = Document::new("t", text.to_string(), Alignment::identity());
        quotewire_segment::segment(&mut d);
        quotewire_tag::tag(&mut d);
        crate::resolve(&mut d);
        let e = d
            .entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} not in {:?}", d.entities));
        e.mentions.iter().map(|m| d.slice(*m).to_string()).collect()
    }

    #[test]
    fn an_appositive_after_a_name_is_its_mention() {
        let m = mentions(
            "Tom Reyes, a practising homeopath, treated the boy. Ana Ruiz, director of the clinic, said it was wrong.",
            "Tom Reyes",
        );
        assert!(m.contains(&"a practising homeopath".to_string()), "{m:?}");
        let m = mentions(
            "Ana Ruiz, director of the clinic, said it was wrong.",
            "Ana Ruiz",
        );
        assert!(m.contains(&"director".to_string()), "{m:?}");
    }

    #[test]
    fn an_age_may_stand_between_the_name_and_its_appositive() {
        let m = mentions("Dan Moreno, 19, a member of the club, left.", "Dan Moreno");
        assert!(m.contains(&"a member".to_string()), "{m:?}");
    }

    #[test]
    fn a_predicate_nominal_is_a_mention_and_a_new_clause_is_not() {
        let m = mentions("Tom Reyes was an engineer in Lyon.", "Tom Reyes");
        assert!(m.contains(&"an engineer".to_string()), "{m:?}");
        // "the company said": the noun phrase is the subject of a new clause
        let m = mentions("Tom Reyes, the company said, left in May.", "Tom Reyes");
        assert_eq!(m, vec!["Tom Reyes".to_string()]);
        // a list of places is no apposition
        let m = mentions("Flights to Lyon, Paris and Rome resumed.", "Lyon");
        assert_eq!(m, vec!["Lyon".to_string()]);
    }

    #[test]
    fn a_place_takes_an_appositive_that_names_a_place_not_a_list_item() {
        let m = mentions(
            "Talks covered the future of Ruritania, the situation in Freedonia, and trade.",
            "Ruritania",
        );
        assert_eq!(m, vec!["Ruritania".to_string()]);
        let m = mentions(
            "Officials met in Lyon, the largest city in the region, on Monday.",
            "Lyon",
        );
        assert!(m.iter().any(|x| x.ends_with("city")), "{m:?}");
    }

    #[test]
    fn a_determined_role_right_before_a_name_is_its_mention() {
        let m = mentions(
            "Tom Reyes and his wife Ana Reyes were charged. Ana Reyes denied it.",
            "Ana Reyes",
        );
        assert!(m.contains(&"his wife".to_string()), "{m:?}");
        let m = mentions(
            "In the words of the Crown prosecutor, Mark Tedeschi, it was cruel.",
            "Mark Tedeschi",
        );
        assert!(m.contains(&"the Crown prosecutor".to_string()), "{m:?}");
    }

    #[test]
    fn a_fronted_phrase_or_a_pronoun_is_no_role() {
        // across a comma only a role word: "the match" is a fronted phrase
        let m = mentions("After the match, Dan Moreno spoke.", "Dan Moreno");
        assert_eq!(m, vec!["Dan Moreno".to_string()]);
        // "I" (a mention of the speaker) is no name to give a role to
        let t = "Dan Moreno said, \"I played well. This is the fifth time I came.\"";
        let mut d = Document::new("t", t.to_string(), Alignment::identity());
        quotewire_segment::segment(&mut d);
        quotewire_tag::tag(&mut d);
        let span = |n: &str| {
            let b = t.find(n).unwrap();
            Span::new(b, b + n.len())
        };
        d.attributions.push(Attribution {
            kind: QuoteKind::Direct,
            content: vec![span("\"I played well. This is the fifth time I came.\"")],
            cue: vec![span("said")],
            source: vec![span("Dan Moreno")],
            speaker: None,
            confidence: None,
        });
        crate::resolve(&mut d);
        let e = &d.entities[0];
        let m: Vec<&str> = e.mentions.iter().map(|m| d.slice(*m)).collect();
        assert!(m.contains(&"I"), "{m:?}");
        assert!(!m.contains(&"the fifth time"), "{m:?}");
    }
}
