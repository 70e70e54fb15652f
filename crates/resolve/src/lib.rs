//! Stage 5 of the pipeline: entities (with titles), speakers resolved through
//! coreference, time expressions normalised against the publication date,
//! and warnings when dates contradict.
//!
//! Reads `doc.text`, `doc.meta`, `doc.layers` (falls back to its own sentence
//! splitter when the segment stage left them empty) and `doc.attributions`;
//! writes `doc.entities`, each attribution's `speaker`, `doc.timexes` and
//! `doc.warnings`. Rule-based, with one small learned lexicon of name types
//! (`models/MODEL_CARD.md`), and linear in the text length (word lists are hash
//! sets built once; mention, speaker and entity-name lookups are binary
//! searches or hash lookups; checked by `crates/quotewire/tests/properties.rs`):
//! see [`ner`], [`coref`], [`timex`].

#![deny(missing_docs)]

mod apposition;
pub mod coref;
pub mod lexicon;
pub mod name_model;
pub mod ner;
pub mod timex;
pub mod words;

use quotewire_doc::{Document, Entity};

/// Resolve entities, speakers and time expressions of `doc`.
///
/// Entities come out in order of first mention; speaker entity indices point
/// into the final `doc.entities`. Never panics on any input. Polls
/// `doc.deadline` (the per-document time budget): once it has passed, the
/// steps left (names, speakers, time expressions) stop or are skipped and
/// what was found is kept, consistent.
pub fn resolve(doc: &mut Document) {
    resolve_with(doc, false);
}

/// [`resolve`], freeing `doc.layers.tokens` and `doc.layers.pos` as soon as
/// resolve's own word view is built from them (nothing reads them after:
/// the record holds neither). For callers that only want the record: the
/// peak memory of a long document drops by the token layers (40 bytes a
/// token). The result is otherwise the same as [`resolve`]'s.
pub fn resolve_releasing_tokens(doc: &mut Document) {
    resolve_with(doc, true);
}

/// [`resolve`]; with `release`, the token and tag layers are freed once the
/// word view is built.
fn resolve_with(doc: &mut Document, release: bool) {
    let words = words::Words::new(doc);
    if release {
        doc.layers.tokens = Vec::new();
        doc.layers.pos = Default::default();
    }
    let mut ents = ner::recognise(&doc.text, &words, &doc.deadline);
    // the time budget (`doc.deadline`): each step polls it, and once it has
    // passed the steps left are skipped; the entities found so far are kept
    if !doc.deadline.expired() {
        coref::speakers(doc, &words, &mut ents);
    }
    if !doc.deadline.expired() {
        apposition::appositions(&doc.text, &words, &mut ents);
    }
    if !doc.deadline.expired() {
        timex::timexes(doc, &words);
    }
    drop_time_names(doc, &mut ents);
    // order entities by first mention and remap speaker indices
    let mut order: Vec<usize> = (0..ents.ents.len())
        .filter(|&i| !ents.ents[i].mentions.is_empty())
        .collect();
    for e in &mut ents.ents {
        e.mentions.sort();
        e.mentions.dedup();
    }
    order.sort_by_key(|&i| ents.ents[i].mentions[0]);
    let mut remap = vec![None; ents.ents.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = Some(new);
    }
    for a in &mut doc.attributions {
        if let Some(sp) = &mut a.speaker {
            sp.entity = sp.entity.and_then(|e| remap.get(e).copied().flatten());
        }
    }
    doc.entities = order
        .iter()
        .map(|&i| {
            let e = &ents.ents[i];
            Entity {
                name: e.name.clone(),
                kind: e.kind,
                titles: e.titles.clone(),
                mentions: e.mentions.clone(),
            }
        })
        .collect();
}

/// A name mention that is exactly a time expression ("in May", "on Monday")
/// names a time, not an entity: such mentions are removed (an entity left
/// without mentions disappears), unless the entity is a PERSON named by more
/// than that word ("Theresa May"). Linear: timexes and mentions are sorted.
fn drop_time_names(doc: &Document, ents: &mut ner::Entities) {
    let times: rustc_hash::FxHashSet<quotewire_doc::Span> =
        doc.timexes.iter().map(|t| t.span).collect();
    if times.is_empty() {
        return;
    }
    for e in &mut ents.ents {
        if e.kind == quotewire_doc::EntityType::Person && e.words.len() > 1 {
            continue;
        }
        e.mentions.retain(|m| !times.contains(m));
    }
}

#[cfg(test)]
mod tests;
