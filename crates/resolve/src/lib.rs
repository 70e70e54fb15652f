//! Stage 5 of the pipeline: entities (with titles), speakers resolved through
//! coreference, time expressions normalised against the publication date,
//! and warnings when dates contradict.
//!
//! Reads `doc.text`, `doc.meta`, `doc.layers` (falls back to its own sentence
//! splitter when the segment stage left them empty) and `doc.attributions`;
//! writes `doc.entities`, each attribution's `speaker`, `doc.timexes` and
//! `doc.warnings`. Everything is rule-based and linear in the text length
//! (word lists are hash sets built once): see [`ner`], [`coref`], [`timex`].

#![deny(missing_docs)]

pub mod coref;
pub mod lexicon;
pub mod ner;
pub mod timex;
pub mod words;

use quotewire_doc::{Document, Entity};

/// Resolve entities, speakers and time expressions of `doc`.
///
/// Entities come out in order of first mention; speaker entity indices point
/// into the final `doc.entities`. Never panics on any input.
pub fn resolve(doc: &mut Document) {
    let words = words::Words::new(doc);
    let mut ents = ner::recognise(&doc.text, &words);
    coref::speakers(doc, &words, &mut ents);
    timex::timexes(doc, &words);
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
