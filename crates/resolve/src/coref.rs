//! Speakers: each attribution's source mention resolved through coreference.
//!
//! * A name resolves to its entity's canonical name ("Putin" → "Vladimir Putin").
//! * A pronoun (he/she/it/they) resolves to the most recent compatible entity
//!   that is a subject (first entity of its sentence) or an earlier speaker —
//!   the salience ordering of Lappin & Leass (1994) reduced to its two strongest
//!   factors, with gender from given names and titles.
//! * A definite nominal ("the president", "the company") resolves to the
//!   previous speaker when it bears a matching title or type, else to the most
//!   recent such entity.
//! * A source naming no entity ("union officials") keeps its text, without a
//!   leading article, as the speaker name.
//! * An empty source (a cue-less quote) takes the subject of the sentence
//!   before the quote.

use crate::lexicon::{self, Gender, Nominal, key};
use crate::ner::{self, Entities};
use crate::words::Words;
use quotewire_doc::{Document, EntityType, QuoteKind, Span, Speaker};

mod source;
use source::resolve_source;

/// Articles stripped from the front of a speaker name that names no entity.
const ARTICLES: &[&str] = &["the", "a", "an"];
/// Determiners opening a definite nominal source.
const NOMINAL_DETERMINERS: &[&str] = &["the", "this", "that", "its", "his", "her", "their"];
/// Prepositions that put a name inside a modifier of the source's head.
const SOURCE_PREPOSITIONS: &[&str] = &["at", "of", "for", "from", "with", "in", "on", "by", "to"];
/// Does the mark at `open` look like an opening quotation mark: after the start
/// of text, a space or opening punctuation, and before a non-space? (A straight
/// `"` after a word closes a quotation, whatever the pairing said.)
fn opens_quote(text: &str, open: Span) -> bool {
    let before = text.get(..open.start).and_then(|s| s.chars().next_back());
    let after = text.get(open.end..).and_then(|s| s.chars().next());
    before.is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | ':' | '“' | '‘')
    }) && after.is_some_and(|c| !c.is_whitespace())
}

/// Longest quotation (bytes) treated as quoted speech when excluding anaphors.
const MAX_QUOTE_BYTES: usize = 600;
/// How many mentions back an antecedent is searched.
const MAX_LOOKBACK: usize = 300;
/// How many paragraphs back the previous speaker stays salient.
const SALIENT_PARAGRAPHS: usize = 3;

/// What a pronoun may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pronoun {
    He,
    She,
    It,
    They,
    Speaker,
}

fn pronoun(s: &str) -> Option<Pronoun> {
    Some(match key(s).as_str() {
        "he" | "him" | "himself" => Pronoun::He,
        "she" | "her" | "herself" => Pronoun::She,
        "it" | "itself" => Pronoun::It,
        "they" | "them" | "themselves" => Pronoun::They,
        "i" | "we" | "you" => Pronoun::Speaker,
        _ => return None,
    })
}

struct Ctx<'a> {
    text: &'a str,
    words: &'a Words,
    /// `(span, entity)` of every mention, sorted.
    index: Vec<(Span, usize)>,
    /// Spans inside quotation marks (mentions there are not subjects).
    quoted: Vec<Span>,
    /// Source spans already resolved (speakers are salient), sorted.
    speaker_spans: Vec<Span>,
    /// Length in bytes of the longest span in `index`.
    max_len: usize,
    /// Length in bytes of the longest span in `speaker_spans`.
    speaker_max_len: usize,
}

impl Ctx<'_> {
    /// Add a mention to the index, keeping it sorted.
    fn insert(&mut self, s: Span, e: usize) {
        let k = self.index.partition_point(|x| *x < (s, e));
        self.index.insert(k, (s, e));
        self.max_len = self.max_len.max(s.len());
    }

    /// The part of `index` that may overlap `s` (O(log n): every mention
    /// starts at most `max_len` bytes before any byte it covers).
    fn near(&self, s: Span) -> &[(Span, usize)] {
        let lo = s.start.saturating_sub(self.max_len);
        let a = self.index.partition_point(|(m, _)| m.start < lo);
        let b = self
            .index
            .partition_point(|(m, _)| m.start < s.end.max(s.start + 1));
        &self.index[a..b.max(a)]
    }

    /// Record a resolved source span (kept sorted).
    fn add_speaker_span(&mut self, s: Span) {
        let k = self.speaker_spans.partition_point(|x| *x < s);
        self.speaker_spans.insert(k, s);
        self.speaker_max_len = self.speaker_max_len.max(s.len());
    }

    /// Does any mention overlap `s`? (Binary search; mentions are short.)
    fn covered(&self, s: Span) -> bool {
        let k = self.index.partition_point(|(m, _)| m.start < s.end);
        self.index[k.saturating_sub(4)..k]
            .iter()
            .any(|(m, _)| m.overlaps(s))
    }

    fn in_quote(&self, s: Span) -> bool {
        let k = self.quoted.partition_point(|q| q.start <= s.start);
        k > 0 && self.quoted[k - 1].contains(s)
    }

    /// Is the mention at position `k` of the index the subject of its sentence
    /// (its first entity mention outside quotes) or an earlier speaker?
    fn salient(&self, k: usize, ents: &Entities) -> bool {
        let (span, _) = self.index[k];
        let lo = span.start.saturating_sub(self.speaker_max_len);
        let a = self.speaker_spans.partition_point(|s| s.start < lo);
        if self.speaker_spans[a..]
            .iter()
            .take_while(|s| s.start <= span.end)
            .any(|s| s.overlaps(span))
        {
            return true;
        }
        let Some(sent) = self.words.sentence_at(span.start) else {
            return false;
        };
        let sstart = self.words.sentences[sent].start;
        !self.index[..k]
            .iter()
            .rev()
            .take_while(|(m, _)| m.start >= sstart)
            .any(|(m, e)| {
                !self.in_quote(*m)
                    && matches!(
                        ents.ents[*e].kind,
                        EntityType::Person | EntityType::Organization
                    )
            })
    }

    /// The most recent entity before byte `before` satisfying `ok`, preferring
    /// salient mentions; mentions inside quotes are skipped.
    fn recent(&self, ents: &Entities, before: usize, ok: &dyn Fn(usize) -> bool) -> Option<usize> {
        self.recent_mention(ents, 0, before, ok).map(|x| x.1)
    }

    /// The antecedent of a third-person pronoun: among the compatible entities
    /// mentioned between `after` and `before`, the one mentioned most often
    /// there (the topic of the passage; Lappin & Leass 1994 weigh repeated
    /// mention); when the most recent salient one ([`Ctx::recent_mention`]:
    /// the subject of this or the previous sentence) is mentioned as often,
    /// it wins, and other ties go to the most recent. Gives the latest
    /// mention of the entity chosen. Linear in the mentions looked back at
    /// (at most [`MAX_LOOKBACK`]).
    fn topical_mention(
        &self,
        ents: &Entities,
        after: usize,
        before: usize,
        ok: &dyn Fn(usize) -> bool,
    ) -> Option<(Span, usize)> {
        let recent = self.recent_mention(ents, after, before, ok)?;
        // entity -> (mentions in the window, its latest mention)
        let mut counts: rustc_hash::FxHashMap<usize, (usize, Span)> = Default::default();
        for (_, m, e) in self.window(after, before) {
            if ok(e) {
                counts.entry(e).or_insert((0, m)).0 += 1;
            }
        }
        let (&e, &(n, m)) = counts.iter().max_by_key(|(_, c)| (c.0, c.1.start))?;
        if counts.get(&recent.1).map_or(0, |c| c.0) >= n {
            Some(recent)
        } else {
            Some((m, e))
        }
    }

    /// The mentions ending by byte `before` and starting at or after
    /// `after`, newest first, at most [`MAX_LOOKBACK`]: (index position,
    /// mention, entity).
    fn window(
        &self,
        after: usize,
        before: usize,
    ) -> impl Iterator<Item = (usize, Span, usize)> + '_ {
        let end = self.index.partition_point(|(m, _)| m.end <= before);
        (end.saturating_sub(MAX_LOOKBACK)..end)
            .rev()
            .map(|k| (k, self.index[k].0, self.index[k].1))
            .take_while(move |(_, m, _)| m.start >= after)
    }

    /// Like [`Ctx::recent`], also giving the antecedent mention; looks back at most
    /// [`MAX_LOOKBACK`] mentions.
    fn recent_mention(
        &self,
        ents: &Entities,
        after: usize,
        before: usize,
        ok: &dyn Fn(usize) -> bool,
    ) -> Option<(Span, usize)> {
        let mut fallback = None;
        for (k, m, e) in self.window(after, before) {
            if self.in_quote(m) || !ok(e) {
                continue;
            }
            if self.salient(k, ents) {
                return Some((m, e));
            }
            fallback = fallback.or(Some((m, e)));
        }
        fallback
    }
}

/// The previous attribution's speaker, as far as it is known.
#[derive(Debug, Clone)]
struct Prev {
    entity: Option<usize>,
    name: String,
    paragraph: usize,
}

/// Attributions between two polls of the document's deadline.
const POLL_EVERY: usize = 64;

/// Resolve every attribution's speaker; adds resolved source mentions to entities.
pub fn speakers(doc: &mut Document, words: &Words, ents: &mut Entities) {
    let text = doc.text.as_str();
    // closed quotations of reasonable length (an unpaired mark must not swallow
    // the rest of the article), plus direct-quote contents
    let mut quoted: Vec<Span> = doc
        .layers
        .quotes
        .iter()
        .filter(|q| {
            q.close.is_some() && q.inner.len() <= MAX_QUOTE_BYTES && opens_quote(text, q.open)
        })
        .map(|q| q.inner)
        .collect();
    for a in &doc.attributions {
        if a.kind == QuoteKind::Direct {
            quoted.extend(a.content.iter().copied());
        }
    }
    // sorted and merged, for binary search
    quoted.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(quoted.len());
    for q in quoted {
        match merged.last_mut() {
            Some(last) if q.start <= last.end => last.end = last.end.max(q.end),
            _ => merged.push(q),
        }
    }
    let quoted = merged;
    let index = ents.mention_index();
    let max_len = index.iter().map(|(m, _)| m.len()).max().unwrap_or(0);
    let mut ctx = Ctx {
        text,
        words,
        index,
        quoted,
        speaker_spans: Vec::new(),
        max_len,
        speaker_max_len: 0,
    };
    let pos = |a: &quotewire_doc::Attribution| {
        a.source
            .iter()
            .chain(&a.cue)
            .chain(&a.content)
            .map(|s| s.start)
            .min()
            .unwrap_or(0)
    };
    let mut order: Vec<usize> = (0..doc.attributions.len()).collect();
    order.sort_by_key(|&i| pos(&doc.attributions[i]));
    let mut prev: Option<Prev> = None;
    let mut results: Vec<(usize, Option<Speaker>)> = Vec::new();
    for (n, i) in order.into_iter().enumerate() {
        // the time budget: stop here, keeping the speakers found so far
        if n % POLL_EVERY == POLL_EVERY - 1 && doc.deadline.expired() {
            break;
        }
        let a = &doc.attributions[i];
        if a.speaker.is_some() {
            continue;
        }
        let src = a
            .source
            .iter()
            .filter(|s| !s.is_empty())
            .fold(None, |acc: Option<Span>, s| {
                Some(acc.map_or(*s, |x| x.cover(*s)))
            })
            .map(|s| s.trim(text));
        let here = pos(a);
        let para = words.paragraph_at(here).unwrap_or(0);
        let prev_ok = prev
            .as_ref()
            .filter(|p| para.saturating_sub(p.paragraph) <= SALIENT_PARAGRAPHS);
        // a source made only of calendar or function words ("Wednesday") is no source
        let src = src.filter(|s| {
            let (a, b) = (words.word_at(s.start), words.word_at(s.end));
            words.words[a..b].iter().any(|w| {
                w.is_word && {
                    let t = w.span.slice(text);
                    !lexicon::STOPWORDS.contains(t) || pronoun(t).is_some()
                }
            })
        });
        let resolved: Option<(Option<usize>, String)> = match src {
            Some(s) if !s.is_empty() => resolve_source(&mut ctx, ents, s, prev_ok),
            _ => {
                let c = a.content.first().map_or(here, |c| c.start);
                cueless(&ctx, ents, c, prev_ok).map(|e| (Some(e), String::new()))
            }
        };
        let speaker = resolved.map(|(e, name)| Speaker {
            name: e.map_or(name, |e| ents.ents[e].name.clone()),
            entity: e,
        });
        if let Some(sp) = &speaker {
            if let Some(s) = src {
                ctx.add_speaker_span(s);
            }
            prev = Some(Prev {
                entity: sp.entity,
                name: sp.name.clone(),
                paragraph: para,
            });
        }
        results.push((i, speaker));
    }
    for (i, sp) in results {
        if let Some(a) = doc.attributions.get_mut(i) {
            a.speaker = sp;
        }
    }
    anaphora(&mut ctx, ents);
    first_person_in_quotes(doc, words, ents);
}

/// First-person pronouns inside a direct quote ("I", "my"; "we", "our" for an
/// organisation) are mentions of the quote's speaker.
fn first_person_in_quotes(doc: &Document, words: &Words, ents: &mut Entities) {
    let text = doc.text.as_str();
    // word ranges per speaker entity, merged: overlapping contents (nested
    // reported speech) are read once, so the work is linear in the text
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new();
    for a in &doc.attributions {
        if a.kind == QuoteKind::Indirect {
            continue;
        }
        let Some(e) = a.speaker.as_ref().and_then(|s| s.entity) else {
            continue;
        };
        if ents.ents.get(e).is_none() {
            continue;
        }
        for c in &a.content {
            let (from, to) = (words.word_at(c.start), words.word_at(c.end));
            if from < to {
                ranges.push((e, from, to));
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize, usize)> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if last.0 == r.0 && r.1 <= last.2 => last.2 = last.2.max(r.2),
            _ => merged.push(r),
        }
    }
    for (e, from, to) in merged {
        let kind = ents.ents[e].kind;
        for w in &words.words[from..to] {
            if !w.is_word {
                continue;
            }
            let k = key(w.span.slice(text));
            let hit = match kind {
                EntityType::Person => FIRST_PERSON_SINGULAR.contains(&k.as_str()),
                EntityType::Organization => FIRST_PERSON_PLURAL.contains(&k.as_str()),
                _ => false,
            };
            if hit {
                ents.add_mention(e, w.span);
            }
        }
    }
}

/// First-person singular pronouns (a person speaking).
const FIRST_PERSON_SINGULAR: &[&str] = &["i", "me", "my", "mine", "myself"];
/// First-person plural pronouns (an organisation speaking).
const FIRST_PERSON_PLURAL: &[&str] = &["we", "us", "our", "ours", "ourselves"];

/// Link third-person personal pronouns and definite nominals outside quotes
/// ("he", "her", "the president", "the company") to entities, as mentions.
fn anaphora(ctx: &mut Ctx, ents: &mut Entities) {
    let text = ctx.text;
    let ws = &ctx.words.words;
    let mut links = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        if !w.is_word {
            continue;
        }
        let wk = key(w.span.slice(text));
        // inside a quotation only third-person personal pronouns are linked
        // (nominals there are too often generic)
        if ctx.in_quote(w.span)
            && !matches!(
                wk.as_str(),
                "he" | "him" | "his" | "himself" | "she" | "her" | "hers" | "herself"
            )
        {
            continue;
        }
        let gender = match wk.as_str() {
            "he" | "him" | "his" | "himself" => Gender::Male,
            "she" | "her" | "hers" | "herself" => Gender::Female,
            _ => {
                // "the president", "the company"
                if wk == "the"
                    && let Some(n) = ws.get(k + 1)
                    && n.is_word
                    && !n.cap
                {
                    let head = key(n.span.slice(text));
                    let next_is_noun = ws.get(k + 2).is_some_and(|x| {
                        x.is_word
                            && !x.cap
                            && !PREPOSITIONS_AFTER_NOMINAL
                                .contains(&key(x.span.slice(text)).as_str())
                            && lexicon::title(x.span.slice(text)).is_some()
                    });
                    if next_is_noun {
                        continue;
                    }
                    let span = Span::new(w.span.start, n.span.end);
                    if ctx.covered(span) {
                        continue;
                    }
                    if let Some(e) = nominal_antecedent(ctx, ents, span, &head, &[], None) {
                        links.push((e, span));
                        ctx.insert(span, e);
                    }
                }
                continue;
            }
        };
        if ctx.covered(w.span) {
            continue;
        }
        let ok = |e: usize| {
            let ent = &ents.ents[e];
            ent.kind == EntityType::Person && ent.gender.is_none_or(|g| g == gender)
        };
        // antecedents within the last few paragraphs only
        let para = ctx.words.paragraph_at(w.span.start).unwrap_or(0);
        let after = ctx
            .words
            .paragraphs
            .get(para.saturating_sub(SALIENT_PARAGRAPHS))
            .map_or(0, |p| p.start);
        if let Some((m, e)) = ctx.topical_mention(ents, after, w.span.start, &ok) {
            // only within reach: the antecedent was mentioned in the last few paragraphs
            let near = Some(m.start).is_some_and(|l| {
                let (a, b) = (
                    ctx.words.paragraph_at(l),
                    ctx.words.paragraph_at(w.span.start),
                );
                a.zip(b)
                    .is_some_and(|(a, b)| b.saturating_sub(a) <= SALIENT_PARAGRAPHS)
            });
            if near {
                links.push((e, w.span));
                ctx.insert(w.span, e);
                // prior pronouns fix the gender of a person whose name did not
                if let Some(ent) = ents.ents.get_mut(e) {
                    ent.gender.get_or_insert(gender);
                }
            }
        }
    }
    for (e, s) in links {
        ents.add_mention(e, s);
    }
}

/// Words that, right after "the X", show X is a modifier, not the head.
const PREPOSITIONS_AFTER_NOMINAL: &[&str] =
    &["of", "for", "in", "at", "on", "and", "or", "said", "says"];

/// The antecedent of a definite nominal with head noun `head` and capitalised
/// modifiers `mods` (lower case, without full stops: "the US president" →
/// `["us"]`): the previous speaker when it matches, else the most recent
/// matching entity.
fn nominal_antecedent(
    ctx: &Ctx,
    ents: &Entities,
    s: Span,
    head: &str,
    mods: &[String],
    prev: Option<&Prev>,
) -> Option<usize> {
    let title_head = lexicon::title(head).is_some_and(|t| t.head);
    let class = lexicon::NOMINALS.get(head).copied();
    if !title_head && class.is_none() {
        return None;
    }
    let holds = |e: &ner::Ent| e.words.iter().any(|w| w == head);
    let ok = |e: usize| -> bool {
        let ent = &ents.ents[e];
        let (org, loc) = (
            ent.kind == EntityType::Organization,
            ent.kind == EntityType::Location,
        );
        if title_head {
            // every capitalised modifier of the nominal is in the title:
            // "the US president" is the one titled "US President", not
            // the "Russian President" who spoke last
            return ent.kind == EntityType::Person
                && ent.titles.iter().any(|t| {
                    let t = key(t).replace('.', "");
                    let tw: Vec<&str> = t.split(' ').collect();
                    tw.contains(&head) && mods.iter().all(|m| tw.contains(&m.as_str()))
                });
        }
        match class {
            Some(Nominal::Company) => org && ent.company,
            Some(Nominal::Body) => org && holds(ent),
            Some(Nominal::AnyOrg) => org,
            Some(Nominal::Country) => loc && lexicon::COUNTRIES.contains(&ent.key),
            Some(Nominal::City) => loc && lexicon::CITIES.contains(&ent.key),
            Some(Nominal::Place) => loc,
            None => false,
        }
    };
    if let Some(e) = prev.and_then(|p| p.entity).filter(|&e| ok(e)) {
        return Some(e);
    }
    // a place whose name holds the noun first ("the gallery" → "Tate Gallery")
    if class == Some(Nominal::Place)
        && let Some(e) = ctx.recent(ents, s.start, &|e| ok(e) && holds(&ents.ents[e]))
    {
        return Some(e);
    }
    ctx.recent(ents, s.start, &ok)
}

/// The speaker of a quote with no source: a PERSON before the quote in its own
/// sentence, else the subject of the sentence before, else the previous speaker.
fn cueless(ctx: &Ctx, ents: &Entities, content: usize, prev: Option<&Prev>) -> Option<usize> {
    let words = ctx.words;
    let sent = words.sentence_at(content)?;
    let person = |e: usize| ents.ents[e].kind == EntityType::Person;
    let first_in = |span: Span, ok: &dyn Fn(usize) -> bool| {
        let a = ctx.index.partition_point(|(m, _)| m.start < span.start);
        let b = ctx.index.partition_point(|(m, _)| m.start <= span.end);
        ctx.index[a..b.max(a)]
            .iter()
            .filter(|(m, _)| span.contains(*m) && m.end <= content && !ctx.in_quote(*m))
            .map(|x| x.1)
            .find(|&e| ok(e))
    };
    let own = words.sentences[sent];
    if let Some(e) = first_in(own, &person) {
        return Some(e);
    }
    if let Some(p) = sent.checked_sub(1) {
        let ps = words.sentences[p];
        let same_or_adjacent_para = words
            .paragraph_at(ps.start)
            .zip(words.paragraph_at(content))
            .is_some_and(|(a, b)| b.saturating_sub(a) <= 1);
        if same_or_adjacent_para {
            if let Some(e) = first_in(ps, &person) {
                return Some(e);
            }
            let org = |e: usize| ents.ents[e].kind == EntityType::Organization;
            if let Some(e) = first_in(ps, &org) {
                return Some(e);
            }
        }
    }
    prev.and_then(|p| p.entity)
}

#[cfg(test)]
mod tests {
    use super::source::strip_article;
    use super::*;

    #[test]
    fn articles() {
        assert_eq!(
            strip_article("the county emergency office"),
            "county emergency office"
        );
        assert_eq!(strip_article("A diplomat"), "diplomat");
        assert_eq!(strip_article("union officials"), "union officials");
        assert_eq!(pronoun("She"), Some(Pronoun::She));
    }
}
