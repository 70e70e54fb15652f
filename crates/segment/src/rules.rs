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

/// Code-point ranges (inclusive) of symbols that are not words, punctuation
/// or quotation marks: emoji and pictographs, dingbats, arrows, geometric
/// shapes, regional indicators (flags), variation selectors, the zero-width
/// joiner and combining keycap of emoji sequences, tag characters, and
/// `© ® ™`. Mostly Unicode general categories So/Sk plus the format
/// characters of emoji sequences (Unicode Technical Standard #51).
/// They are transparent to the tokenizer: no token is made of them.
pub const SYMBOL_RANGES: &[(char, char)] = &[
    ('\u{00A9}', '\u{00A9}'),
    ('\u{00AE}', '\u{00AE}'),
    ('\u{200D}', '\u{200D}'),
    ('\u{20E3}', '\u{20E3}'),
    ('\u{2122}', '\u{2122}'),
    ('\u{2190}', '\u{21FF}'),
    ('\u{2300}', '\u{23FF}'),
    ('\u{25A0}', '\u{27BF}'),
    ('\u{2B00}', '\u{2BFF}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{1F000}', '\u{1FAFF}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// The character is a symbol of [`SYMBOL_RANGES`] (an emoji, a flag half...).
pub fn is_symbol(c: char) -> bool {
    SYMBOL_RANGES.iter().any(|&(a, b)| a <= c && c <= b)
}

/// Code-point ranges (inclusive) of invisible format characters (Unicode
/// general category Cf): zero-width space/joiners and direction marks
/// `U+200B–U+200F`, bidi embeddings and overrides `U+202A–U+202E`, the word
/// joiner and invisible operators `U+2060–U+2064`, bidi isolates
/// `U+2066–U+2069`, the Arabic letter mark `U+061C` and the byte-order mark /
/// zero-width no-break space `U+FEFF`. Like whitespace, they neither make a
/// token nor decide whether a quotation mark opens or closes.
pub const FORMAT_RANGES: &[(char, char)] = &[
    ('\u{061C}', '\u{061C}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{2069}'),
    ('\u{FEFF}', '\u{FEFF}'),
];

/// The character is transparent between words: a format character of
/// [`FORMAT_RANGES`], a symbol of [`SYMBOL_RANGES`], or the replacement
/// character `U+FFFD` left by undecodable input (NUL, lone surrogates).
pub fn is_transparent(c: char) -> bool {
    c == '\u{FFFD}' || is_symbol(c) || FORMAT_RANGES.iter().any(|&(a, b)| a <= c && c <= b)
}
