//! Character classes shared by the text stages (segmentation and
//! attribution): symbols and invisible format characters that behave like
//! whitespace between words and around quotation marks.
//!
//! Source: Unicode general categories So/Sk and Cf, and the emoji sequences
//! of Unicode Technical Standard #51.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transparent_characters() {
        for c in ['\u{202E}', '\u{FEFF}', '\u{FFFD}', '😀', '\u{200D}', '©'] {
            assert!(is_transparent(c), "{c:?}");
        }
        for c in ['a', ' ', '"', '“', '.'] {
            assert!(!is_transparent(c), "{c:?}");
        }
        assert!(is_symbol('🇫') && !is_symbol('\u{202E}'));
    }
}
