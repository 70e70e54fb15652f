//! Word lists (gazetteers, titles, given names, stop words) as data files in
//! `crates/resolve/data/`, parsed once into hash sets ([`LazyLock`]).
//!
//! Every list is generic world knowledge written for this crate (countries,
//! capitals, title nouns, common given names), not corpus excerpts. Keys are
//! normalised with [`key`]: lower case, dots removed, curly apostrophes
//! straightened, inner whitespace folded to one space.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Normalise a word or multi-word name for lookup: lower case, no dots,
/// `’` → `'`, whitespace folded.
pub fn key(s: &str) -> String {
    // fast path: one ASCII word
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'\'')
    {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if c == '.' {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let c = if c == '’' { '\'' } else { c };
        out.extend(c.to_lowercase());
    }
    out
}

/// Non-comment, non-empty lines of a data file.
fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set_of_lines(data: &'static str) -> HashSet<String> {
    lines(data).map(key).collect()
}

fn set_of_words(data: &'static str) -> HashSet<String> {
    lines(data)
        .flat_map(str::split_whitespace)
        .map(key)
        .collect()
}

/// Countries, capitals and major cities, regions: LOCATION names.
pub static LOCATIONS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut s = set_of_lines(include_str!("../data/countries.txt"));
    s.extend(set_of_lines(include_str!("../data/cities.txt")));
    s.extend(set_of_lines(include_str!("../data/regions.txt")));
    s
});

/// Well-known organisations: ORGANIZATION names.
pub static ORGANIZATIONS: LazyLock<HashSet<String>> =
    LazyLock::new(|| set_of_lines(include_str!("../data/organizations.txt")));

/// Nationality adjectives ("Russian"): title modifiers, never entities alone.
pub static NATIONALITIES: LazyLock<HashSet<String>> =
    LazyLock::new(|| set_of_lines(include_str!("../data/nationalities.txt")));

/// Last words making a name an ORGANIZATION; value true for companies.
pub static ORG_SUFFIXES: LazyLock<HashMap<String, bool>> = LazyLock::new(|| {
    lines(include_str!("../data/org_suffixes.txt"))
        .filter_map(|l| {
            let (w, class) = l.split_once('\t')?;
            Some((key(w), class.trim() == "company"))
        })
        .collect()
});

/// Last words making a name a LOCATION ("Strait", "River").
pub static GEO_SUFFIXES: LazyLock<HashSet<String>> =
    LazyLock::new(|| set_of_lines(include_str!("../data/geo_suffixes.txt")));

/// Last words making a name an EVENT ("Summit").
pub static EVENT_WORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| set_of_lines(include_str!("../data/event_words.txt")));

/// Capitalised words that are not names (function words, calendar words).
/// Case-sensitive on the capitalised form, so "May" and "US" are not in it.
pub static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    lines(include_str!("../data/stopwords.txt"))
        .flat_map(str::split_whitespace)
        .collect()
});

/// Grammatical gender of a person, from given names, titles, honorifics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Referred to as "he".
    Male,
    /// Referred to as "she".
    Female,
}

/// Given names with their gender (`None`: given to both).
///
/// The hand lists `data/names_male.txt` and `data/names_female.txt`
/// (international names; a name in both has no gender) come first, then the
/// frequent US given names of the 1990 census, `data/names_census.txt`
/// (public domain; written by `data/make_census_names.py`, which leaves out
/// place and organisation names and ordinary words).
pub static GIVEN_NAMES: LazyLock<HashMap<String, Option<Gender>>> = LazyLock::new(|| {
    let male = set_of_words(include_str!("../data/names_male.txt"));
    let female = set_of_words(include_str!("../data/names_female.txt"));
    let mut m = HashMap::default();
    for n in &male {
        m.insert(n.clone(), (!female.contains(n)).then_some(Gender::Male));
    }
    for n in &female {
        m.entry(n.clone()).or_insert(Some(Gender::Female));
    }
    for l in lines(include_str!("../data/names_census.txt")) {
        let mut cols = l.split('\t');
        let (Some(name), Some(g)) = (cols.next(), cols.next()) else {
            continue;
        };
        let g = match g {
            "F" => Some(Gender::Female),
            "M" => Some(Gender::Male),
            _ => None,
        };
        m.entry(key(name)).or_insert(g);
    }
    m
});

/// Role of a title word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TitleWord {
    /// Can end a title ("President", "executive").
    pub head: bool,
    /// Can precede a head ("deputy", "foreign").
    pub modifier: bool,
    /// An honorific ("Mr."): gives gender, is not recorded as a title.
    pub honorific: bool,
    /// Gender implied, if any.
    pub gender: Option<Gender>,
}

/// Title words (`data/titles.txt`), keyed by [`key`].
pub static TITLES: LazyLock<HashMap<String, TitleWord>> = LazyLock::new(|| {
    let mut m: HashMap<String, TitleWord> = HashMap::default();
    for l in lines(include_str!("../data/titles.txt")) {
        let mut cols = l.split('\t');
        let (Some(w), Some(role), g) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let e = m.entry(key(w)).or_default();
        match role.trim() {
            "head" => e.head = true,
            "mod" => e.modifier = true,
            "hon" => e.honorific = true,
            _ => {}
        }
        match g.map(str::trim) {
            Some("m") => e.gender = Some(Gender::Male),
            Some("f") => e.gender = Some(Gender::Female),
            _ => {}
        }
    }
    m
});

/// What a definite nominal's head noun may refer to (`data/nominal_heads.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nominal {
    /// A company ("the firm").
    Company,
    /// An organisation whose name holds the noun ("the ministry").
    Body,
    /// Any organisation ("the organization").
    AnyOrg,
    /// A country ("the country").
    Country,
    /// A city ("the capital").
    City,
    /// A place whose name holds the noun, else any place ("the region").
    Place,
}

/// Head nouns of definite nominals ("the company", "the country").
pub static NOMINALS: LazyLock<HashMap<String, Nominal>> = LazyLock::new(|| {
    lines(include_str!("../data/nominal_heads.txt"))
        .filter_map(|l| {
            let (w, class) = l.split_once('\t')?;
            let c = match class.trim() {
                "company" => Nominal::Company,
                "body" => Nominal::Body,
                "any" => Nominal::AnyOrg,
                "country" => Nominal::Country,
                "city" => Nominal::City,
                "place" => Nominal::Place,
                _ => return None,
            };
            Some((key(w), c))
        })
        .collect()
});

/// Country names (LOCATION), for "the country".
pub static COUNTRIES: LazyLock<HashSet<String>> =
    LazyLock::new(|| set_of_lines(include_str!("../data/countries.txt")));

/// City names (LOCATION), for "the city", "the capital".
pub static CITIES: LazyLock<HashSet<String>> =
    LazyLock::new(|| set_of_lines(include_str!("../data/cities.txt")));

/// Learned name-type counts per capitalised word form (`models/name_types.tsv`,
/// trained by `examples/train_name_types.rs` from CoreNLP silver NER; see
/// `models/MODEL_CARD.md`): `[PERSON, ORGANIZATION, LOCATION, other]`.
pub static NAME_TYPES: LazyLock<HashMap<&'static str, [u32; 4]>> = LazyLock::new(|| {
    lines(include_str!("../models/name_types.tsv"))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let form = cols.next()?;
            let mut c = [0u32; 4];
            for slot in &mut c {
                *slot = cols.next()?.parse().ok()?;
            }
            Some((form, c))
        })
        .collect()
});

/// Share of the majority class needed to trust a learned type.
pub const LEARNED_MIN_SHARE: f32 = 0.6;
/// Occurrences needed to trust a learned type.
pub const LEARNED_MIN_COUNT: u32 = 3;

/// What the learned lexicon says about a word form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Learned {
    /// Mostly a name of this type: 0 PERSON, 1 ORGANIZATION, 2 LOCATION.
    Name(u8),
    /// Mostly not a name.
    NotName,
}

/// The learned type of a capitalised word form, when the counts are clear.
pub fn learned(form: &str) -> Option<Learned> {
    let c = NAME_TYPES.get(form)?;
    let total: u32 = c.iter().sum();
    let (best, n) = c
        .iter()
        .enumerate()
        .max_by_key(|x| (*x.1, std::cmp::Reverse(x.0)))?;
    if total < LEARNED_MIN_COUNT || (*n as f32) < LEARNED_MIN_SHARE * total as f32 {
        return None;
    }
    Some(if best == 3 {
        Learned::NotName
    } else {
        Learned::Name(best as u8)
    })
}

/// The title-word entry of `word`, if any.
pub fn title(word: &str) -> Option<TitleWord> {
    TITLES.get(&key(word)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(LOCATIONS.contains("buenos aires"));
        assert!(LOCATIONS.contains("us"));
        assert!(ORGANIZATIONS.contains("g20"));
        assert!(NATIONALITIES.contains("russian"));
        assert_eq!(ORG_SUFFIXES.get("logistics"), Some(&true));
        assert_eq!(ORG_SUFFIXES.get("navy"), Some(&false));
        assert!(STOPWORDS.contains("The"));
        assert!(!STOPWORDS.contains("May"));
        assert_eq!(GIVEN_NAMES.get("maria"), Some(&Some(Gender::Female)));
        assert_eq!(GIVEN_NAMES.get("kim"), Some(&None));
        // from the census list: gender by the sex it is mostly given to
        assert_eq!(GIVEN_NAMES.get("gloria"), Some(&Some(Gender::Female)));
        assert_eq!(GIVEN_NAMES.get("casey"), Some(&None));
        // place names and ordinary words are left out of it
        assert_eq!(GIVEN_NAMES.get("georgia"), None);
        assert_eq!(GIVEN_NAMES.get("will"), None);
        let p = title("President").unwrap();
        assert!(p.head && !p.honorific);
        assert!(title("Mr.").unwrap().honorific);
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("Buenos   Aires"), "buenos aires");
    }
}
