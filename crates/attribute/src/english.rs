//! Is a text English enough for the indirect rules and the learned model?
//! Both read English cue verbs, tags and clause structure (the model is
//! trained on PolNeAR, English news); on other languages they find
//! "attributions" in ordinary words ("negozi", "e"). There only direct
//! quotations, found by their marks, are kept (the README's "on other
//! languages expect direct quotes at best").
//!
//! The test is the share of common English function words among the first
//! [`SAMPLE`] words of the text, the classic stop-word profile of language
//! identification (e.g. Grefenstette 1995, "Comparing two language
//! identification schemes"): English news runs at 30–45%, English pages of
//! lists, logs or code at 3–7%, pages in other languages written in Latin
//! script at 0–2% (measured on the WCXB dev pages; words such as "a", "in",
//! "was", shared with Portuguese, Italian or German, are left out).

use quotewire_doc::Document;

/// Words read at most (the text's start decides; linear and bounded).
const SAMPLE: usize = 2000;
/// Below this many words the text is taken as English (too little to judge).
const MIN_WORDS: usize = 40;
/// Share of [`FUNCTION_WORDS`] below which the text is not English.
const MIN_SHARE: f64 = 0.025;

/// Frequent English function words absent (or rare) in other languages.
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "that", "is", "for", "with", "on", "said", "he", "she", "it", "they",
    "this", "are", "be", "by", "from", "have", "has", "his", "her", "not", "but", "or", "at",
    "which", "would", "will", "were", "their", "its", "an", "who", "we", "you", "been",
];

/// True unless the start of `doc.text` (by its token layer) is clearly in
/// another language (see the module documentation).
pub fn looks_english(doc: &Document) -> bool {
    let mut words = 0usize;
    let mut hits = 0usize;
    for t in &doc.layers.tokens {
        let w = doc.slice(t.span());
        if !w.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        words += 1;
        if w.len() <= 6 && FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            hits += 1;
        }
        if words >= SAMPLE {
            break;
        }
    }
    words < MIN_WORDS || hits as f64 >= MIN_SHARE * words as f64
}

#[cfg(test)]
mod tests {
    use super::looks_english;
    use quotewire_doc::{Alignment, Document};

    fn doc(text: &str) -> Document {
        let mut d = Document::new("t", text.to_string(), Alignment::identity());
        quotewire_segment::segment(&mut d);
        d
    }

    #[test]
    fn english_and_other_languages() {
        let en = "The mayor said on Monday that the bridge would reopen in May, and that the work was on time. ".repeat(4);
        assert!(looks_english(&doc(&en)));
        let it = "Il sindaco ha detto lunedì che il ponte riaprirà a maggio, e che i lavori sono in orario nei negozi del centro. ".repeat(4);
        assert!(!looks_english(&doc(&it)));
        let pt = "O prefeito disse na segunda-feira que a ponte vai reabrir em maio, e que as obras estão em dia nas livrarias. ".repeat(4);
        assert!(!looks_english(&doc(&pt)));
        // too short to judge
        assert!(looks_english(&doc("Il sindaco ha detto.")));
    }
}
