//! Word lists and thresholds of the segmenter, in one place.
//!
//! Sources: the abbreviation conventions of AP style (titles, months, states,
//! corporate suffixes) as used by English-language news, and the usual
//! Punkt-style exceptions (initials, dotted acronyms).

/// Lower-cased words whose trailing period does not end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs", "gen",
    "lt", "col", "maj", "sgt", "capt", "cmdr", "adm", "cpl", "pvt", "st", "ste", "rev", "fr",
    "hon", "pres", "supt", "atty", "amb", "jr", "sr", "inc", "corp", "co", "ltd", "llc", "bros",
    "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tues", "thurs",
    "vs", "vol", "approx", "dept", "ave", "blvd", "rd", "mt", "ft", "ala", "ariz", "ark", "calif",
    "colo", "conn", "fla", "kan", "kans", "ky", "mich", "minn", "mont", "neb", "nev", "okla",
    "ore", "tenn", "tex", "va", "vt", "wis", "wyo",
];

/// Lower-cased words whose period is an abbreviation only before a number ("No. 1").
pub const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "p", "pp", "fig", "vol"];

/// Words that, after a dotted acronym or an initial ("the U.S."), show that a
/// new sentence starts.
pub const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "A",
    "An",
    "His",
    "Her",
    "Their",
    "Its",
    "There",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Still",
    "Yet",
    "So",
    "Now",
    "Then",
    "However",
    "Meanwhile",
];

/// Quotations at most this many bytes long are never split into sentences
/// (a longer one is speech of several sentences and is split normally).
pub const MAX_UNSPLIT_QUOTE: usize = 160;

/// A line at least this many bytes long, ending in a word and followed by a
/// lower-case line, is soft-wrapped (hard-wrapped plain text); shorter lines
/// (headlines, labels) always end their paragraph.
pub const MIN_WRAPPED_LINE: usize = 20;

pub use quotewire_doc::chars::{FORMAT_RANGES, SYMBOL_RANGES, is_symbol, is_transparent};

/// Longest sentence, in bytes, the splitter emits. Longer stretches without
/// a sentence end (transcripts, dumps, lists with no full stops) are cut at
/// the last clause mark (`,` `;` `:`) followed by whitespace in the second
/// half of the window, else at the last whitespace, else at a character
/// boundary. News sentences are far shorter (the longest in the shared
/// corpora are under 1,500 bytes); the cap keeps every per-sentence step of
/// the later stages bounded, so a document's work stays linear in its size.
pub const MAX_SENTENCE_BYTES: usize = 3000;
