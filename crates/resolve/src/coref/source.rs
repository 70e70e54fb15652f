//! The source mention of an attribution resolved to its speaker: a name in
//! the source, a pronoun, a definite nominal, or a name nobody found yet
//! (the steps of [`resolve_source`]), with the source's head cut from its
//! appositions and modifiers.

use super::{ARTICLES, Ctx, NOMINAL_DETERMINERS, Prev, Pronoun, SOURCE_PREPOSITIONS};
use super::{nominal_antecedent, pronoun};
use crate::lexicon::{self, Gender, Nominal, key};
use crate::ner::{self, Entities};
use quotewire_doc::{EntityType, Span};

/// Resolve a non-empty source mention: `(entity, name)`; name is used when entity is None.
pub(super) fn resolve_source(
    ctx: &mut Ctx,
    ents: &mut Entities,
    s: Span,
    prev: Option<&Prev>,
) -> Option<(Option<usize>, String)> {
    let text = ctx.text;
    let s = source_head(text, ctx, ents, s);
    let st = s.slice(text).trim_matches(|c: char| !c.is_alphanumeric());
    // 1. a name inside the source
    let rank = |k: EntityType| match k {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Location => 2,
        _ => 3,
    };
    // the head: the last word of the source, skipping trailing calendar words
    // ("The Supreme Court Wednesday") and punctuation
    let ws = &ctx.words.words;
    let (a, b) = (ctx.words.word_at(s.start), ctx.words.word_at(s.end));
    let head_end = ws[a..b]
        .iter()
        .rev()
        .find(|w| w.is_word && !lexicon::STOPWORDS.contains(w.span.slice(text)))
        .map_or(s.end, |w| w.span.end);
    let head_is_title = ws[a..b]
        .iter()
        .rev()
        .find(|w| w.is_word)
        .and_then(|w| lexicon::title(w.span.slice(text)))
        .is_some_and(|t| t.head);
    // a name counts when it is the head ("Putin", "Its chief executive, Maria Lopez"),
    // or a person in apposition to a title head ("Maria Lopez, chief executive");
    // not when it only modifies the head ("Bolivia's public defender's office")
    // an organisation or place after a preposition inside the source sits in a
    // modifier ("a tech staffer at the State Department"); a person there is
    // usually the head of a title ("Secretary of State Mike Pompeo")
    let in_pp = |m: Span| {
        ws[a..b].iter().any(|w| {
            w.span.end <= m.start
                && w.is_word
                && SOURCE_PREPOSITIONS.contains(&key(w.span.slice(text)).as_str())
        })
    };
    // a person after a preposition heads the source only inside a capitalised
    // title ("Secretary of State Mike Pompeo"), not after a common noun ("an
    // adviser to Trump", "a friend of Smith")
    let is_prep = |w: &crate::words::Word| {
        w.is_word && SOURCE_PREPOSITIONS.contains(&key(w.span.slice(text)).as_str())
    };
    let common_before_pp = |m: Span| {
        let src = &ws[a..b];
        src.iter()
            .position(|w| w.span.end <= m.start && is_prep(w))
            .is_some_and(|i| {
                src[..i].iter().any(|w| {
                    let t = w.span.slice(text);
                    w.is_word
                        && t.starts_with(char::is_lowercase)
                        && !lexicon::STOPWORDS.contains(t)
                })
            })
    };
    let names_head = |m: Span, e: usize| {
        !(in_pp(m) && (ents.ents[e].kind != EntityType::Person || common_before_pp(m)))
            && m.end >= head_end
            || (head_is_title
                && ents.ents[e].kind == EntityType::Person
                && text.get(m.end..).is_some_and(|r| r.starts_with(',')))
    };
    let named = ctx
        .near(s)
        .iter()
        .filter(|(m, e)| m.overlaps(s) && names_head(*m, *e))
        .map(|&(m, e)| (rank(ents.ents[e].kind), std::cmp::Reverse(m.start), e))
        .min()
        .map(|x| x.2);
    if let Some(e) = named {
        return Some((Some(e), String::new()));
    }
    // 2. a pronoun
    if let Some(p) = pronoun(st) {
        let ok = |e: usize| -> bool {
            let ent = &ents.ents[e];
            match p {
                Pronoun::He => ent.kind == EntityType::Person && ent.gender != Some(Gender::Female),
                Pronoun::She => ent.kind == EntityType::Person && ent.gender != Some(Gender::Male),
                // a place speaks through its government, named as such
                // ("the ministry … it said"); "It adds:" after a place is
                // the report or the document, not the place
                Pronoun::It => ent.kind == EntityType::Organization,
                // plural "they" names a group no single entity stands for
                // ("officials … they said"); an organisation speaks as "it"
                // in news English ("the company said it would")
                Pronoun::They => false,
                Pronoun::Speaker => true,
            }
        };
        let mut found = None;
        // he/she: a compatible person mentioned in this or the previous sentence
        // outranks the previous speaker (recency; Lappin & Leass 1994)
        if matches!(p, Pronoun::He | Pronoun::She) {
            let from = ctx
                .words
                .sentence_at(s.start)
                .and_then(|k| ctx.words.sentences.get(k.saturating_sub(1)))
                .map_or(s.start, |x| x.start);
            found = ctx.recent_mention(ents, from, s.start, &ok).map(|x| x.1);
        }
        if let Some(pv) = prev.filter(|_| found.is_none()) {
            match pv.entity {
                Some(e) if ok(e) => found = Some(e),
                None if matches!(p, Pronoun::They | Pronoun::Speaker) => {
                    return Some((None, pv.name.clone()));
                }
                _ => {}
            }
        }
        if found.is_none() && p == Pronoun::It {
            // "it" reaches back two sentences at most: past them the thing
            // meant is as likely a report or a document no entity names
            let from = ctx
                .words
                .sentence_at(s.start)
                .and_then(|k| ctx.words.sentences.get(k.saturating_sub(2)))
                .map_or(s.start, |x| x.start);
            found = ctx.recent_mention(ents, from, s.start, &ok).map(|x| x.1);
        } else if found.is_none() && p != Pronoun::Speaker {
            found = ctx.recent(ents, s.start, &ok);
        }
        let Some(e) = found else {
            return Some((None, st.to_string()));
        };
        // prior pronouns fix the gender of a person whose name did not
        let g = match p {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            _ => None,
        };
        if let (Some(g), Some(ent)) = (g, ents.ents.get_mut(e)) {
            ent.gender.get_or_insert(g);
        }
        return link(ctx, ents, e, s);
    }
    // 3. a definite nominal: "the president", "the company"
    let ws: Vec<&str> = st.split_whitespace().collect();
    let first = ws.first().map(|w| key(w)).unwrap_or_default();
    let head = ws.last().map(|w| key(w)).unwrap_or_default();
    // a capitalised title after a determiner is still a nominal ("The
    // President said", as many outlets capitalise it)
    let head_cap = ws.last().is_some_and(|w| w.starts_with(char::is_uppercase))
        && !(NOMINAL_DETERMINERS.contains(&first.as_str())
            && ws.len() <= 3
            && lexicon::title(&head).is_some());
    // a title head with the person's name in apposition right after the
    // source: "according to the team's coach, Alireza Mehraban, ..."
    if !head_cap
        && lexicon::title(&head).is_some_and(|t| t.head)
        && let Some(e) = apposed_person(ctx, ents, s)
    {
        return Some((Some(e), String::new()));
    }
    if NOMINAL_DETERMINERS.contains(&first.as_str()) && !head_cap {
        let mods: Vec<String> = ws
            .get(1..ws.len().saturating_sub(1))
            .unwrap_or_default()
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .map(|w| key(w).replace('.', ""))
            .collect();
        if let Some(e) = nominal_antecedent(ctx, ents, s, &head, &mods, prev) {
            return link(ctx, ents, e, s);
        }
        if lexicon::NOMINALS.get(&head) == Some(&Nominal::Body) {
            // "the ministry" with no named ministry: the previous speaker if an organisation
            let any_org = |e: usize| ents.ents[e].kind == EntityType::Organization;
            if let Some(e) = prev.and_then(|p| p.entity).filter(|&e| any_org(e)) {
                return link(ctx, ents, e, s);
            }
        }
    }
    // 4. a capitalised name nobody found yet ("Smith said"), unless it sits in a
    // modifier of a common-noun head ("a staffer at the State Department")
    let nominal_head = ARTICLES.contains(&first.as_str())
        || ws
            .first()
            .is_some_and(|w| w.starts_with(char::is_lowercase));
    // a lower-case noun before a preposition heads the phrase whatever opens
    // it ("China's ambassador to Britain")
    let common_head_before_pp = ws
        .iter()
        .take_while(|w| !SOURCE_PREPOSITIONS.contains(&key(w).as_str()))
        .skip(1)
        .any(|w| w.starts_with(char::is_lowercase) && !lexicon::STOPWORDS.contains(*w));
    let in_modifier = (nominal_head || common_head_before_pp)
        && ws
            .iter()
            .any(|w| SOURCE_PREPOSITIONS.contains(&key(w).as_str()));
    if head_cap
        && !in_modifier
        && let Some(e) = ner::entity_from_source(text, ctx.words, ents, s)
    {
        // the mention just added (a new entity's only one, or the latest of
        // the entity of the same name it joined)
        if let Some(&m) = ents.ents.get(e).and_then(|x| x.mentions.last()) {
            ctx.insert(m, e);
        }
        return Some((Some(e), String::new()));
    }
    Some((None, strip_article(st)))
}

/// Words after a comma that open an apposition or a post-modifier of the
/// name before it ("Steve Whitmore, a representative for ...", "Mu Li, of the
/// University of NSW").
const APPOSITION_OPENERS: &[&str] = &[
    "a", "an", "the", "its", "his", "her", "their", "of", "from", "at", "with", "who", "which",
];
/// Prepositions after a person's name that start a modifier of that name
/// ("Lydia Buchtmann for Food Standards Australia").
const NAME_PREPOSITIONS: &[&str] = &["for", "of", "from", "at", "with"];

/// The part of a source phrase that names the speaker: the name before an
/// apposition or post-modifier ("Steve Whitmore, a representative for the
/// sheriff's office" → "Steve Whitmore"; "Tom Molomby, SC" → "Tom Molomby";
/// "Lydia Buchtmann for Food Standards Australia" → "Lydia Buchtmann"), and
/// without a trailing adverb ("President Donald Trump personally"). A title
/// before a comma keeps the whole phrase ("Its chief executive, Maria Lopez").
fn source_head(text: &str, ctx: &Ctx, ents: &Entities, s: Span) -> Span {
    let words = ctx.words;
    // a PERSON mention overlapping `x` (binary search in the sorted index)
    let person_at = |x: Span| {
        ctx.near(x).iter().any(|(m, e)| {
            m.overlaps(x)
                && ents
                    .ents
                    .get(*e)
                    .is_some_and(|p| p.kind == EntityType::Person)
        })
    };
    let ws = &words.words;
    let (a, b) = (words.word_at(s.start), words.word_at(s.end));
    if a >= b {
        return s;
    }
    let src = &ws[a..b];
    let t = |w: &crate::words::Word| w.span.slice(text);
    // the capitalised run ending just before position k (within the source) is a name
    let name_before = |k: usize| -> bool {
        let run: Vec<_> = src[..k]
            .iter()
            .rev()
            .take_while(|w| w.is_word && w.cap)
            .collect();
        let Some(last) = run.first() else {
            return false;
        };
        let start = run.last().map_or(last.span.start, |w| w.span.start);
        let person_mention = person_at(Span::new(start, last.span.end));
        let given = run
            .iter()
            .any(|w| lexicon::GIVEN_NAMES.contains_key(&key(t(w))));
        // a bare title ("Chairman") is no name
        let all_titles = run.iter().all(|w| lexicon::title(t(w)).is_some());
        !all_titles && (person_mention || given || run.len() >= 2)
    };
    let mut end = None;
    for (k, w) in src.iter().enumerate() {
        let word = t(w);
        if !w.is_word && word == "," && k > 0 {
            let next = src.get(k + 1);
            let opener = next.is_some_and(|n| {
                APPOSITION_OPENERS.contains(&key(t(n)).as_str())
                    || (!n.cap && n.is_word)
                    || (t(n).len() <= 3 && t(n).chars().all(|c| c.is_ascii_uppercase()))
            });
            if opener && name_before(k) {
                end = Some(src[k - 1].span.end);
            }
            break;
        }
        if w.is_word
            && k > 0
            && NAME_PREPOSITIONS.contains(&key(word).as_str())
            && name_before(k)
            && person_at(src[k - 1].span)
        {
            end = Some(src[k - 1].span.end);
            break;
        }
    }
    // a trailing adverb after a name: "President Donald Trump personally"
    if end.is_none()
        && src.len() >= 2
        && let [.., prev, last] = src
        && last.is_word
        && !last.cap
        && t(last).ends_with("ly")
        && prev.cap
    {
        end = Some(prev.span.end);
    }
    end.map_or(s, |e| Span::new(s.start, e))
}

/// The person named right after `s`, set off by a comma ("the coach, Ann
/// Lee,"): a PERSON mention starting there, else an entity built from the
/// capitalised words there when they end at a comma or the sentence's end.
fn apposed_person(ctx: &mut Ctx, ents: &mut Entities, s: Span) -> Option<usize> {
    let text = ctx.text;
    let ws = &ctx.words.words;
    let k = ctx.words.word_at(s.end);
    if ws.get(k).map(|w| w.span.slice(text)) != Some(",") {
        return None;
    }
    let first = ws
        .get(k + 1)
        .filter(|w| w.cap && w.sentence == ws[k].sentence)?;
    let at = ctx
        .index
        .partition_point(|(m, _)| m.start < first.span.start);
    if let Some(&(m, e)) = ctx.index.get(at)
        && m.start == first.span.start
    {
        return (ents.ents[e].kind == EntityType::Person).then_some(e);
    }
    let mut j = k + 1;
    while ws.get(j).is_some_and(|w| w.cap && w.is_word) {
        j += 1;
    }
    let closes = ws
        .get(j)
        .is_none_or(|w| matches!(w.span.slice(text), "," | "." | ";"));
    if !closes || j - (k + 1) < 2 {
        return None;
    }
    let run = Span::new(first.span.start, ws[j - 1].span.end);
    let e = ner::entity_from_source(text, ctx.words, ents, run)?;
    if let Some(&m) = ents.ents.get(e).and_then(|x| x.mentions.last()) {
        ctx.insert(m, e);
    }
    (ents.ents[e].kind == EntityType::Person).then_some(e)
}

/// Record `s` as a mention of `e` and return it as the speaker.
fn link(ctx: &mut Ctx, ents: &mut Entities, e: usize, s: Span) -> Option<(Option<usize>, String)> {
    ents.add_mention(e, s);
    ctx.insert(s, e);
    Some((Some(e), String::new()))
}

/// The text without a leading article: "the county emergency office" → "county emergency office".
pub(super) fn strip_article(s: &str) -> String {
    let s = s.trim();
    if let Some((first, rest)) = s.split_once(char::is_whitespace)
        && ARTICLES.contains(&first.to_lowercase().as_str())
    {
        return rest.trim().to_string();
    }
    s.to_string()
}
