//! Text helpers: code-point slicing, the normal forms used as keys, hashes.

use sha2::{Digest, Sha256};

/// The key form of a name: lower case, letters and digits only, single
/// spaces, a leading "the " and a trailing "'s" dropped.
pub(crate) fn norm_name(name: &str) -> String {
    let mut s = fold(name);
    if let Some(rest) = s.strip_prefix("the ") {
        s = rest.to_string();
    }
    if let Some(rest) = s.strip_suffix(" s") {
        s = rest.to_string();
    }
    s
}

/// Words that make a mention a pronoun or a nominal ("he", "the president",
/// "his office"), not a name, when they come first (lower case).
const NOT_NAME_FIRST: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "we",
    "us",
    "our",
    "ours",
    "you",
    "your",
    "yours",
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "it",
    "its",
    "they",
    "them",
    "their",
    "theirs",
    "this",
    "that",
    "these",
    "those",
    "who",
    "whom",
    "whose",
    "which",
    "the",
    "a",
    "an",
    "one",
    "some",
    "another",
    "such",
    "himself",
    "herself",
    "itself",
    "themselves",
    "myself",
    "ourselves",
    "yourself",
];

/// Whether a mention's text is a name ("Putin", "Vladimir Putin"; not "he",
/// "I", "the US president", "His office"): it starts with an upper-case
/// letter or a digit, and its first word is not a pronoun or a determiner
/// ([`NOT_NAME_FIRST`]).
pub(crate) fn is_name(surface: &str) -> bool {
    let Some(c) = surface.chars().next() else {
        return false;
    };
    if !(c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    let first = surface
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    !NOT_NAME_FIRST.contains(&first.as_str())
}

/// The distinct whitespace-separated words of `text`, in first-seen order,
/// joined by single spaces: what `articles_fts` indexes of an article's
/// text. That index is `detail=none` (a term → rowid list, no positions
/// or counts), and whitespace always separates FTS5 `unicode61` tokens, so
/// the terms it holds are exactly those of the whole text, for half the
/// indexing work or less; only its token counts (`articles_fts_docsize`)
/// are of the distinct words.
pub(crate) fn distinct_words(text: &str) -> String {
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    seen.reserve(text.len() / 16);
    let mut out = String::with_capacity(text.len() / 2);
    for w in text.split_whitespace() {
        if seen.insert(w) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// Lower case, every run of non-alphanumeric characters one space, trimmed.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Hash of a quote's content in its folded form (case, punctuation and
/// spacing ignored), as a signed 64-bit integer key.
pub(crate) fn quote_hash(content: &str) -> i64 {
    let d = Sha256::digest(fold(content).as_bytes());
    i64::from_le_bytes(d[..8].try_into().unwrap_or([0; 8]))
}

/// Hex hash (128 bits) of an article body with its whitespace collapsed.
pub(crate) fn body_hash(text: &str) -> String {
    let mut h = Sha256::new();
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            h.update(b" ");
        }
        h.update(w.as_bytes());
    }
    let d = h.finalize();
    d[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_export::Chars;

    #[test]
    fn slices_by_code_points() {
        let c = Chars::new("“Ready,” Putin said.");
        assert_eq!(c.slice([1, 6]), "Ready");
        assert_eq!(c.slice([9, 14]), "Putin");
        assert_eq!(c.slice([9, 99]), "");
        assert_eq!(c.join(&[[1, 6], [9, 14]]), "Ready … Putin");
    }

    #[test]
    fn keys_ignore_case_spacing_and_punctuation() {
        assert_eq!(norm_name("The  White House"), "white house");
        assert_eq!(norm_name("Putin's"), "putin");
        assert_eq!(
            quote_hash("We are ready, he said."),
            quote_hash("we are  READY he said")
        );
        assert_ne!(quote_hash("we are ready"), quote_hash("we are not ready"));
        assert_eq!(body_hash("a  b\n\nc"), body_hash("a b c"));
        assert_ne!(body_hash("a b c"), body_hash("a b d"));
    }

    /// The article index gets every term of the text: FTS5 finds a word of
    /// the text, however often it occurs, in the distinct words.
    #[test]
    fn distinct_words_keep_every_term_once() {
        assert_eq!(
            distinct_words("The plan, the plan\u{a0}and  THE plan.\nplan the"),
            "The plan, the plan and THE plan."
        );
        let c = rusqlite::Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE VIRTUAL TABLE f USING fts5(text, detail=none, tokenize='unicode61 remove_diacritics 2')",
        )
        .unwrap();
        let text = "Café owners said: the café, the CAFE and l'été — again, again.";
        c.execute(
            "INSERT INTO f(rowid, text) VALUES (1, ?1)",
            [distinct_words(text)],
        )
        .unwrap();
        for word in ["cafe", "owners", "l", "ete", "again", "the", "said"] {
            let n: i64 = c
                .query_row("SELECT count(*) FROM f WHERE f MATCH ?1", [word], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(n, 1, "{word}");
        }
    }
}
