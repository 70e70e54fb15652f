//! Rule-based named-entity recognition with titles, and name coreference
//! (later "Putin" → earlier "Vladimir Putin").
//!
//! Rules, in the spirit of classic gazetteer + orthography NER (e.g. Mikheev,
//! Moens & Grover 1999, "Named entity recognition without gazetteers" for the
//! sentence-initial problem):
//! * a candidate is a run of capitalised words (particles such as "de", "van",
//!   "of" allowed inside), split at stop words (function and calendar words);
//! * leading title words ("Russian President", "Mayor") are cut off the run and
//!   recorded as titles, as are lower-case titles right before the name
//!   ("chief engineer Tom Reyes") or in an appositive on either side
//!   ("Its chief executive, Maria Lopez", "Maria Lopez, chief executive");
//! * the type comes from gazetteers (`data/*.txt`), the last word
//!   ("Logistics", "Navy", "Strait", "Summit"), a given name, or a title;
//! * a lone sentence-initial capitalised word is only a mention when it matches
//!   an entity found elsewhere (the sentence-initial ambiguity).

use crate::lexicon::{self, Gender, key};
use crate::words::{Tags, Word, Words};
use quotewire_doc::{Deadline, EntityType, Span};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Lower-case particles allowed inside a capitalised name ("Rio de Janeiro").
const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "bin", "al",
    "el", "ibn",
];
/// Words after which "of" may continue a name ("Bank of England", "Gulf of Mexico").
const OF_HEADS: &[&str] = &[
    "association",
    "organization",
    "organisation",
    "society",
    "foundation",
    "league",
    "alliance",
    "party",
    "coalition",
    "center",
    "centre",
    "academy",
    "corps",
    "order",
    "army",
    "republic",
    "kingdom",
    "states",
    "bank",
    "university",
    "ministry",
    "department",
    "gulf",
    "bay",
    "sea",
    "isle",
    "strait",
    "bureau",
    "office",
    "council",
    "commission",
    "committee",
    "court",
    "institute",
    "board",
    "agency",
    "church",
    "house",
    "chamber",
    "federation",
    "union",
    "school",
    "college",
    "museum",
    "secretary",
    "minister",
];
/// First words of organisations named "X of Y" ("Ministry of Defence").
const OF_ORG_HEADS: &[&str] = &[
    "association",
    "organization",
    "organisation",
    "society",
    "foundation",
    "league",
    "alliance",
    "party",
    "coalition",
    "academy",
    "corps",
    "bank",
    "university",
    "ministry",
    "department",
    "bureau",
    "office",
    "council",
    "commission",
    "committee",
    "court",
    "institute",
    "board",
    "agency",
    "church",
    "house",
    "chamber",
    "federation",
    "union",
    "school",
    "college",
    "museum",
];
/// Prepositions after which an unknown capitalised word is a LOCATION.
const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "near", "from", "across", "outside", "inside"];
/// Determiners allowed before a post-name appositive title ("Lopez, the company's chief").
const APPOSITIVE_DETERMINERS: &[&str] = &["a", "an", "the", "its", "his", "her", "their"];
/// Tokens that may follow a post-name appositive title.
const APPOSITIVE_ENDS: &[&str] = &[
    ",", ".", "of", "at", "for", "in", "said", "says", "told", ";",
];
/// Words after a name that mark a person ("Smith said", "Smith, who").
const PERSON_NEXT: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "explained",
    "noted",
    "stressed",
    "wrote",
    "who",
    "whose",
    "himself",
    "herself",
    "he",
    "she",
];
/// Words before a name that mark a person ("said Smith").
const PERSON_PREV: &[&str] = &[
    "said", "says", "told", "asked", "wrote", "mr", "mrs", "ms", "dr",
];
/// Generational suffixes ending a person's name ("Jr.", "III").
const GENERATIONAL: &[&str] = &["jr", "sr", "ii", "iii", "iv"];
/// Shortest all-capitals word taken for an organisation acronym ("NATO", not "IQ").
const MIN_ACRONYM: usize = 3;
/// Maximum number of words in a PERSON name found by the default rule.
const MAX_DEFAULT_PERSON_WORDS: usize = 3;

/// An entity while resolve builds it.
#[derive(Debug, Clone)]
pub struct Ent {
    /// Canonical (longest) name.
    pub name: String,
    /// Entity type.
    pub kind: EntityType,
    /// Titles, as written, de-duplicated case-insensitively.
    pub titles: Vec<String>,
    /// Mention spans (kept sorted at the end).
    pub mentions: Vec<Span>,
    /// Gender of a PERSON, when known.
    pub gender: Option<Gender>,
    /// An ORGANIZATION that is a company ("Acme Logistics").
    pub company: bool,
    /// Lookup keys of the canonical name's words.
    pub words: Vec<String>,
    /// Lookup key of the canonical name.
    pub key: String,
}

impl Ent {
    fn add_title(&mut self, t: &str) {
        let t = t.trim();
        if !t.is_empty() && !self.titles.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            self.titles.push(t.to_string());
        }
    }
}

/// All entities of a document and a position index of their mentions.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    /// The entities, in order of creation.
    pub ents: Vec<Ent>,
    /// `(entity, mention)` pairs seen by [`Entities::add_mention`], and how
    /// many of each entity's mentions are in it (mentions pushed directly
    /// are taken in on the next call): duplicate checks in O(1), not a scan
    /// of the entity's mentions.
    seen: HashSet<(usize, Span)>,
    seen_len: Vec<usize>,
    /// `(type, name key)` and, for persons, `(PERSON, last name word)` → the
    /// first such entity; filled up to `named_upto` by [`Entities::find_named`].
    named: HashMap<(EntityType, String), usize>,
    named_upto: usize,
}

impl Entities {
    /// `(span, entity)` for every mention, sorted by span start.
    pub fn mention_index(&self) -> Vec<(Span, usize)> {
        let mut v: Vec<(Span, usize)> = self
            .ents
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (*m, i)))
            .collect();
        v.sort();
        v
    }

    /// The entity of type `kind` named `k` (a name key), or, for a one-word
    /// person name, the person whose name ends with it ("Smith" → "John
    /// Smith"). Amortised O(1): entities are indexed once, as they appear.
    pub fn find_named(&mut self, kind: EntityType, k: &str) -> Option<usize> {
        for i in self.named_upto..self.ents.len() {
            let e = &self.ents[i];
            self.named.entry((e.kind, e.key.clone())).or_insert(i);
            if e.kind == EntityType::Person
                && e.words.len() > 1
                && let Some(last) = e.words.last()
            {
                self.named.entry((e.kind, last.clone())).or_insert(i);
            }
        }
        self.named_upto = self.ents.len();
        self.named.get(&(kind, k.to_string())).copied()
    }

    /// Add a mention to entity `e` (no duplicates).
    pub fn add_mention(&mut self, e: usize, span: Span) {
        let Some(ent) = self.ents.get_mut(e) else {
            return;
        };
        if self.seen_len.len() <= e {
            self.seen_len.resize(e + 1, 0);
        }
        let from = self.seen_len[e].min(ent.mentions.len());
        for m in &ent.mentions[from..] {
            self.seen.insert((e, *m));
        }
        if self.seen.insert((e, span)) {
            ent.mentions.push(span);
        }
        self.seen_len[e] = ent.mentions.len();
    }
}

/// A candidate name found in the text.
#[derive(Debug, Clone)]
struct Cand {
    span: Span,
    kind: Option<EntityType>,
    titles: Vec<String>,
    gender: Option<Gender>,
    company: bool,
    /// A lone word whose type is unknown: kept only if it matches an entity.
    weak: bool,
}

fn is_stop(text: &str, w: &Word) -> bool {
    let t = w.span.slice(text);
    // "We’ve", "It's": the part before the apostrophe decides
    let head = t.split(['\'', '’']).next().unwrap_or(t);
    lexicon::STOPWORDS.contains(t) || lexicon::STOPWORDS.contains(head)
}

fn word_key(text: &str, w: &Word) -> String {
    key(w.span.slice(text))
}

/// Can `w` be part of a title run (title word, nationality, or a known place/organisation)?
fn title_like(text: &str, w: &Word) -> (bool, bool) {
    let k = word_key(text, w);
    if let Some(t) = lexicon::TITLES.get(&k) {
        return (true, t.head || t.honorific);
    }
    if w.cap
        && (lexicon::NATIONALITIES.contains(&k)
            || lexicon::LOCATIONS.contains(&k)
            || lexicon::ORGANIZATIONS.contains(&k))
    {
        return (true, false);
    }
    (k == "of", false)
}

/// Find entities in the text. Stops early, with the entities found so far,
/// once `deadline` has passed (polled every thousand words).
pub fn recognise(text: &str, words: &Words, deadline: &Deadline) -> Entities {
    let ws = &words.words;
    // capitalised words standing alone mid-sentence ("Warhol" after "Andy Warhol")
    let standalone: HashSet<String> = (0..ws.len())
        .filter(|&k| {
            let lone = |o: Option<&Word>| o.is_none_or(|w| !w.cap);
            ws[k].cap
                && !ws[k].initial
                && lone(k.checked_sub(1).map(|p| &ws[p]))
                && lone(ws.get(k + 1))
        })
        .map(|k| word_key(text, &ws[k]))
        .collect();
    let mut cands: Vec<Cand> = Vec::new();
    let mut i = 0;
    let mut steps = 0usize;
    while i < ws.len() {
        // the time budget, every thousand steps: the names found so far
        steps += 1;
        if steps.is_multiple_of(1024) && deadline.expired() {
            break;
        }
        let w = &ws[i];
        if !w.cap || is_stop(text, w) {
            i += 1;
            continue;
        }
        // extend the capitalised run
        let mut j = i + 1;
        while j < ws.len() && ws[j].sentence == w.sentence {
            let n = &ws[j];
            if n.cap && !is_stop(text, n) && adjacent(text, &ws[j - 1], n) {
                j += 1;
                continue;
            }
            let nk = word_key(text, n);
            let next_cap = ws
                .get(j + 1)
                .is_some_and(|x| x.cap && !is_stop(text, x) && x.sentence == w.sentence);
            let prev_k = word_key(text, &ws[j - 1]);
            if n.is_word
                && next_cap
                && (PARTICLES.contains(&nk.as_str())
                    || (nk == "of" && OF_HEADS.contains(&prev_k.as_str())))
            {
                j += 2;
                continue;
            }
            break;
        }
        classify_run(text, ws, &words.pos, i, j, &standalone, &mut cands);
        i = j;
    }
    cluster(text, cands)
}

/// True when `b` follows `a` separated by whitespace only (no punctuation between).
fn adjacent(text: &str, a: &Word, b: &Word) -> bool {
    text.get(a.span.end..b.span.start)
        .is_some_and(|s| s.chars().all(|c| c.is_whitespace()) && !s.contains("\n\n"))
}

fn classify_run(
    text: &str,
    ws: &[Word],
    pos: &Tags,
    i: usize,
    j: usize,
    standalone: &HashSet<String>,
    out: &mut Vec<Cand>,
) {
    let slice = |a: usize, b: usize| Span::new(ws[a].span.start, ws[b - 1].span.end);
    // 1. title words leading the run ("Russian President", "Mayor", "Mr.")
    let mut k = i;
    let mut last_head = None;
    let mut has_title_head = false;
    let mut gender = None;
    while k < j {
        let (ok, head) = title_like(text, &ws[k]);
        if !ok {
            break;
        }
        if head {
            last_head = Some(k);
            if let Some(t) = lexicon::title(ws[k].span.slice(text)) {
                has_title_head |= t.head;
                gender = gender.or(t.gender);
            }
        }
        k += 1;
    }
    let run_key = key(slice(i, j).slice(text));
    let gazetteer =
        lexicon::ORGANIZATIONS.contains(&run_key) || lexicon::LOCATIONS.contains(&run_key);
    let suffixed = |x: usize| {
        let lk = word_key(text, &ws[x]);
        lexicon::ORG_SUFFIXES.contains_key(&lk) || lexicon::GEO_SUFFIXES.contains(&lk)
    };
    // "Homeland Security Secretary Jeh Johnson": a head deeper in the run, with
    // employer words before it and a short name after it
    if last_head.is_none() && !gazetteer && !suffixed(j - 1) {
        let deep = (i + 1..j.saturating_sub(1))
            .rev()
            .find(|&x| lexicon::title(ws[x].span.slice(text)).is_some_and(|t| t.head));
        if let Some(h) = deep
            && j - h - 1 <= MAX_DEFAULT_PERSON_WORDS
        {
            last_head = Some(h);
            has_title_head = true;
            k = h + 1;
        }
    }
    // "Republican Donald Trump": descriptors before a given name are cut off
    let mut descriptor_end = None;
    if last_head.is_none()
        && k > i
        && k < j
        && lexicon::GIVEN_NAMES.contains_key(&word_key(text, &ws[k]))
    {
        descriptor_end = Some(k);
    }
    if k == j && has_title_head && !gazetteer {
        // "President", "Prime Minister", "NASA Administrator": a title alone is no name
        nested_gazetteer(text, ws, i, j, out);
        return;
    }
    let mut a = i;
    let mut titles = Vec::new();
    // "Secretary of State Mike Pompeo": an "of" phrase after the head stays in the title
    let title_end = |h: usize| {
        if ws.get(h + 1).is_some_and(|w| word_key(text, w) == "of") && k < j {
            k - 1
        } else {
            h
        }
    };
    // "Chief Strategy Officer": a remainder ending in a title head is no name
    let rest_is_title = lexicon::title(ws[j - 1].span.slice(text)).is_some_and(|t| t.head);
    if let Some(h) = last_head
        && title_end(h) + 1 < j
        && !rest_is_title
        && !lexicon::ORG_SUFFIXES.contains_key(&word_key(text, &ws[j - 1]))
        && !lexicon::ORGANIZATIONS.contains(&key(slice(i, j).slice(text)))
        && !lexicon::LOCATIONS.contains(&key(slice(i, j).slice(text)))
    {
        let h = title_end(h);
        a = h + 1;
        // places and organisations inside the title ("US" in "US President")
        nested_gazetteer(text, ws, i, a, out);
        if has_title_head {
            // lower-case title words right before the run extend it ("former US President")
            let start = lookback_title(text, ws, i, false).map_or(ws[i].span.start, |(s, _)| s);
            titles.push(Span::new(start, ws[h].span.end).slice(text).to_string());
        }
    } else if last_head.is_some() && rest_is_title && !gazetteer {
        nested_gazetteer(text, ws, i, j, out);
        return;
    } else if let Some((start, end)) = lookback_title(text, ws, i, true) {
        // "chief engineer Tom Reyes", "Its chief executive, Maria Lopez"
        titles.push(Span::new(start, end).slice(text).to_string());
        has_title_head = true;
        if let Some(t) = lookback_gender(text, ws, i) {
            gender = Some(t);
        }
    }
    if let Some(d) = descriptor_end
        && a == i
    {
        a = d;
    }
    if a >= j {
        return;
    }
    let span = slice(a, j);
    let name = span.slice(text);
    let nkey = key(name);
    let n = j - a;
    let last = word_key(text, &ws[j - 1]);
    let first = word_key(text, &ws[a]);
    let mut cand = Cand {
        span,
        kind: None,
        titles,
        gender,
        company: false,
        weak: false,
    };
    if lexicon::ORGANIZATIONS.contains(&nkey) {
        cand.kind = Some(EntityType::Organization);
    } else if lexicon::LOCATIONS.contains(&nkey) {
        cand.kind = Some(EntityType::Location);
    } else if n >= 2 && lexicon::EVENT_WORDS.contains(&last) {
        cand.kind = Some(EntityType::Event);
        nested_gazetteer(text, ws, a, j - 1, out);
    } else if n >= 2 && lexicon::ORG_SUFFIXES.contains_key(&last) {
        cand.kind = Some(EntityType::Organization);
        cand.company = lexicon::ORG_SUFFIXES.get(&last).copied().unwrap_or(false);
    } else if (2..=3).contains(&n)
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        // "CBS DFW": capitals throughout
        cand.kind = Some(EntityType::Organization);
    } else if (n >= 2 && lexicon::GEO_SUFFIXES.contains(&last))
        || (n >= 3 && lexicon::GEO_SUFFIXES.contains(&first) && nkey.contains(" of "))
    {
        cand.kind = Some(EntityType::Location);
    } else if n >= 3 && OF_ORG_HEADS.contains(&first.as_str()) && nkey.contains(" of ") {
        cand.kind = Some(EntityType::Organization);
    } else if lexicon::GIVEN_NAMES.contains_key(&first) || has_title_head {
        cand.kind = Some(EntityType::Person);
        if let Some(Some(g)) = lexicon::GIVEN_NAMES.get(&first) {
            cand.gender = cand.gender.or(Some(*g));
        }
    } else if (a..j).all(|x| lexicon::NATIONALITIES.contains(&word_key(text, &ws[x]))) {
        return;
    } else if let Some(t) = (n >= 2 || !ws[a].initial)
        .then(|| learned_run_type(text, ws, pos, a, j))
        .flatten()
    {
        cand.kind = Some(t);
        if t == EntityType::Person
            && n >= 3
            && let Some((x, y)) = name_core(text, ws, a, j)
        {
            // "Rival Hillary Clinton", "Obama Sees" (headline case): keep the name words
            cand.span = slice(x, y);
        }
    } else if n == 1 && name.contains('-') {
        // "Russia-US": every part a known place or organisation
        let mut parts = Vec::new();
        let mut off = span.start;
        for p in name.split('-') {
            let pk = key(p);
            let kind = if lexicon::LOCATIONS.contains(&pk) {
                EntityType::Location
            } else if lexicon::ORGANIZATIONS.contains(&pk) {
                EntityType::Organization
            } else {
                parts.clear();
                break;
            };
            parts.push((Span::new(off, off + p.len()), kind));
            off += p.len() + 1;
        }
        for (s, kind) in parts {
            out.push(Cand {
                span: s,
                kind: Some(kind),
                titles: vec![],
                gender: None,
                company: false,
                weak: false,
            });
        }
        return;
    } else if n == 1
        && name.chars().count() >= MIN_ACRONYM
        && name.chars().count() <= 6
        && name.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        cand.kind = Some(EntityType::Organization);
    } else if n == 1 {
        let prev = i
            .checked_sub(1)
            .map(|p| word_key(text, &ws[p]))
            .unwrap_or_default();
        cand.weak = true;
        if PLACE_PREPOSITIONS.contains(&prev.as_str())
            && ws[i].sentence == ws[i.saturating_sub(1)].sentence
        {
            // a place unless the word names a known entity ("from Mayer")
            cand.kind = Some(EntityType::Location);
        }
    } else if let Some((x, y)) = (n >= 3)
        .then(|| name_core(text, ws, a, j))
        .flatten()
        .filter(|&(x, y)| {
            (x..y).any(|z| {
                lexicon::GIVEN_NAMES.contains_key(&word_key(text, &ws[z]))
                    || lexicon::learned(ws[z].span.slice(text)) == Some(lexicon::Learned::Name(0))
            })
        })
    {
        // "Rival Hillary Clinton Wins Debate": the person inside a headline-case run
        cand.kind = Some(EntityType::Person);
        cand.span = slice(x, y);
    } else if n <= MAX_DEFAULT_PERSON_WORDS && person_context(text, ws, i, j) {
        // "Kerr Putney said", "Kerr Putney, the police chief,"
        cand.kind = Some(EntityType::Person);
    } else if ws[a].initial && n == 2 && !lexicon::GIVEN_NAMES.contains_key(&first) {
        // "Flood Warnings": a sentence-initial pair of unknown words stays weak
        cand.weak = true;
    } else if n <= MAX_DEFAULT_PERSON_WORDS + usize::from(GENERATIONAL.contains(&last.as_str()))
        && (person_context(text, ws, i, j) || standalone.contains(&last))
    {
        cand.kind = Some(EntityType::Person);
    } else {
        cand.kind = Some(EntityType::Other);
    }
    if cand.kind == Some(EntityType::Person)
        && let Some(t) = appositive_after(text, ws, j)
    {
        cand.titles.push(t);
    }
    out.push(cand);
}

/// Context that makes an unknown capitalised run a person: a speech verb or
/// "who" right after it, or a speech verb or "by" right before it.
fn person_context(text: &str, ws: &[Word], i: usize, j: usize) -> bool {
    let after = ws.get(j).map(|w| word_key(text, w)).unwrap_or_default();
    let after2 = ws.get(j + 1).map(|w| word_key(text, w)).unwrap_or_default();
    let before = i
        .checked_sub(1)
        .map(|p| word_key(text, &ws[p]))
        .unwrap_or_default();
    PERSON_NEXT.contains(&after.as_str())
        || (after == "," && PERSON_NEXT.contains(&after2.as_str()))
        || PERSON_PREV.contains(&before.as_str())
        || appositive_after(text, ws, j).is_some()
}

/// The type the learned lexicon gives a run: its last word's, else its first
/// word's (a lone sentence-initial word needs the learned type too).
fn learned_run_type(text: &str, ws: &[Word], pos: &Tags, a: usize, j: usize) -> Option<EntityType> {
    // long headline-case runs ("Rival Hillary Clinton Wins Debate") keep the
    // word lexicon's reading first, so the person inside can be cut out
    if j - a >= 3 {
        lexicon_run_type(text, ws, a, j).or_else(|| {
            name_core(text, ws, a, j)
                .is_none()
                .then(|| model_run_type(text, ws, pos, a, j))
                .flatten()
        })
    } else {
        model_run_type(text, ws, pos, a, j).or_else(|| lexicon_run_type(text, ws, a, j))
    }
}

/// The learned classifier's type for the run `[a, j)`, from the run and up to
/// [`crate::name_model::CONTEXT`] words of its sentence on each side.
fn model_run_type(text: &str, ws: &[Word], pos: &Tags, a: usize, j: usize) -> Option<EntityType> {
    let ctx = crate::name_model::CONTEXT;
    let sent = ws[a].sentence;
    let lo = (a.saturating_sub(ctx)..a)
        .find(|&x| ws[x].sentence == sent)
        .unwrap_or(a);
    let hi = (j..(j + ctx).min(ws.len()))
        .take_while(|&x| ws[x].sentence == sent)
        .last()
        .map_or(j, |x| x + 1);
    let toks: Vec<&str> = ws[lo..hi].iter().map(|w| w.span.slice(text)).collect();
    let initial = lo == a && (a == 0 || ws[a - 1].sentence != sent);
    let pos = pos.window(lo, hi);
    crate::name_model::classify(&toks, &pos, a - lo, j - lo, initial)
}

/// The type the learned word lexicon gives a run (see [`learned_run_type`]).
fn lexicon_run_type(text: &str, ws: &[Word], a: usize, j: usize) -> Option<EntityType> {
    let to_type = |l: lexicon::Learned| match l {
        lexicon::Learned::Name(0) => Some(EntityType::Person),
        lexicon::Learned::Name(1) => Some(EntityType::Organization),
        lexicon::Learned::Name(_) => Some(EntityType::Location),
        lexicon::Learned::NotName => None,
    };
    let last = lexicon::learned(ws[j - 1].span.slice(text));
    if let Some(l) = last {
        return to_type(l);
    }
    // the first word only tells a person's given name ("Sea" in "Sea Org" tells nothing)
    if j - a >= 2 && lexicon::learned(ws[a].span.slice(text)) == Some(lexicon::Learned::Name(0)) {
        return Some(EntityType::Person);
    }
    None
}

/// The last block of name-like words (given names, learned person names,
/// initials, particles) inside `[a, j)`, when it is shorter than the run.
fn name_core(text: &str, ws: &[Word], a: usize, j: usize) -> Option<(usize, usize)> {
    let namey = |x: usize| {
        let t = ws[x].span.slice(text);
        let k = word_key(text, &ws[x]);
        lexicon::GIVEN_NAMES.contains_key(&k)
            || lexicon::learned(t) == Some(lexicon::Learned::Name(0))
            || PARTICLES.contains(&k.as_str())
            || GENERATIONAL.contains(&k.as_str())
            || (t.len() == 2 && t.ends_with('.'))
    };
    let mut y = (a..j).rev().find(|&x| namey(x))? + 1;
    let mut x = y - 1;
    while x > a && namey(x - 1) {
        x -= 1;
    }
    // a lone given name takes the unknown surname after it ("Farid
    // Oyelaran"); after two names the last is the surname ("Hillary Clinton")
    if y < j && y - x == 1 && lexicon::GIVEN_NAMES.contains_key(&word_key(text, &ws[y - 1])) {
        y += 1;
    }
    (y - x < j - a).then_some((x, y))
}

/// Gazetteer names inside `[a, b)` ("G20" in "G20 Summit").
fn nested_gazetteer(text: &str, ws: &[Word], a: usize, b: usize, out: &mut Vec<Cand>) {
    for w in &ws[a..b] {
        let k = word_key(text, w);
        let kind = if lexicon::ORGANIZATIONS.contains(&k) {
            EntityType::Organization
        } else if lexicon::LOCATIONS.contains(&k) {
            EntityType::Location
        } else {
            continue;
        };
        out.push(Cand {
            span: w.span,
            kind: Some(kind),
            titles: vec![],
            gender: None,
            company: false,
            weak: false,
        });
    }
}

/// The title run ending right before word `i` (or before a comma there):
/// `(start, end)` bytes, when the word next to the name is a title head.
fn lookback_title(text: &str, ws: &[Word], i: usize, comma: bool) -> Option<(usize, usize)> {
    let mut k = i.checked_sub(1)?;
    let sent = ws[i].sentence;
    if comma && ws[k].span.slice(text) == "," {
        k = k.checked_sub(1)?;
    }
    if ws[k].sentence != sent {
        return None;
    }
    let (ok, head) = title_like(text, &ws[k]);
    let is_head = ok && head && lexicon::title(ws[k].span.slice(text)).is_some_and(|t| t.head);
    if !is_head {
        return None;
    }
    let end = ws[k].span.end;
    let mut start = ws[k].span.start;
    while let Some(p) = k.checked_sub(1) {
        // title words, or capitalised words naming the employer ("Disney executive")
        let employer = ws[p].cap && !is_stop(text, &ws[p]);
        if ws[p].sentence != sent
            || !(title_like(text, &ws[p]).0 || employer)
            || !adjacent(text, &ws[p], &ws[p + 1])
        {
            break;
        }
        k = p;
        start = ws[p].span.start;
    }
    // never start a title with "of"
    let t = Span::new(start, end).slice(text);
    let trimmed = t.strip_prefix("of ").unwrap_or(t);
    Some((end - trimmed.len(), end))
}

/// Gender implied by title words right before word `i` ("chairwoman").
fn lookback_gender(text: &str, ws: &[Word], i: usize) -> Option<Gender> {
    let mut k = i;
    while let Some(p) = k.checked_sub(1) {
        let t = lexicon::title(ws[p].span.slice(text))?;
        if t.gender.is_some() {
            return t.gender;
        }
        k = p;
    }
    None
}

/// A post-name appositive title: "Maria Lopez, chief executive of ...".
fn appositive_after(text: &str, ws: &[Word], j: usize) -> Option<String> {
    let comma = ws.get(j)?;
    if comma.span.slice(text) != "," {
        return None;
    }
    let mut k = j + 1;
    if ws
        .get(k)
        .is_some_and(|w| APPOSITIVE_DETERMINERS.contains(&word_key(text, w).as_str()))
    {
        k += 1;
    }
    let start = k;
    while k < ws.len()
        && ws[k].sentence == comma.sentence
        && title_like(text, &ws[k]).0
        && word_key(text, &ws[k]) != "of"
    {
        k += 1;
    }
    if k == start {
        return None;
    }
    let last = lexicon::title(ws[k - 1].span.slice(text))?;
    if !last.head {
        return None;
    }
    let ends_ok = ws
        .get(k)
        .is_none_or(|w| APPOSITIVE_ENDS.contains(&word_key(text, w).as_str()));
    ends_ok.then(|| {
        Span::new(ws[start].span.start, ws[k - 1].span.end)
            .slice(text)
            .to_string()
    })
}

/// Keys of the words of a name.
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(key)
        .collect()
}

/// Does a PERSON candidate with words `c` name the entity with words `e`?
fn person_match(e: &[String], c: &[String]) -> bool {
    if c.is_empty() || e.is_empty() {
        return false;
    }
    if c.len() == 1 {
        return e.last() == c.first() || (e.len() >= 2 && e.first() == c.first());
    }
    let (short, long) = if c.len() <= e.len() { (c, e) } else { (e, c) };
    short.last() == long.last() && short.iter().all(|w| long.contains(w))
}

/// Entities by full key, first word and last word, for [`cluster`]: every
/// matching rule needs one of them equal, so the last matching entity is
/// the largest index among a few candidates, not a scan of all entities.
/// Entries go stale when an entity is renamed; the rules are re-checked on
/// every candidate, so stale entries only cost a check.
#[derive(Default)]
struct NameIndex {
    by_key: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
    by_last: HashMap<String, Vec<usize>>,
}

impl NameIndex {
    fn add(&mut self, i: usize, e: &Ent) {
        self.by_key.entry(e.key.clone()).or_default().push(i);
        if let Some(w) = e.words.first() {
            self.by_first.entry(w.clone()).or_default().push(i);
        }
        if let Some(w) = e.words.last() {
            self.by_last.entry(w.clone()).or_default().push(i);
        }
    }

    /// The last entity (largest index) among those filed under `keys`,
    /// `firsts` or `lasts` for which `ok` holds: `rposition` over all
    /// entities with `ok`, when every entity satisfying `ok` is filed there.
    fn last(
        &self,
        keys: &[&String],
        firsts: &[&String],
        lasts: &[&String],
        ok: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let lists = keys
            .iter()
            .filter_map(|k| self.by_key.get(*k))
            .chain(firsts.iter().filter_map(|k| self.by_first.get(*k)))
            .chain(lasts.iter().filter_map(|k| self.by_last.get(*k)));
        lists.flatten().copied().filter(|&i| ok(i)).max()
    }
}

fn cluster(text: &str, cands: Vec<Cand>) -> Entities {
    let mut ents = Entities::default();
    let mut index = NameIndex::default();
    let mut weak = Vec::new();
    for c in cands {
        if c.weak {
            weak.push(c);
            continue;
        }
        let Some(kind) = c.kind else { continue };
        let name = c.span.slice(text).to_string();
        let cw = name_words(&name);
        let nk = key(&name);
        // exact name of any kind first, then type-specific matching; every
        // rule below needs the same first or last word (see NameIndex)
        let mut found = index.last(&[&nk], &[], &[], |i| ents.ents[i].key == nk);
        if found.is_none() {
            let (first, last) = (cw.first(), cw.last());
            let words: Vec<&String> = first.iter().chain(last.iter()).copied().collect();
            found = index.last(&[], &words, &words, |i| {
                let e = &ents.ents[i];
                e.kind == kind
                    && match kind {
                        EntityType::Person => person_match(&e.words, &cw),
                        EntityType::Organization => {
                            (cw.len() == 1 && e.words.len() >= 2 && e.words[0] == cw[0])
                                || (e.words.len() == 1 && cw.len() >= 2 && cw[0] == e.words[0])
                        }
                        _ => false,
                    }
            });
        }
        let known_place = kind == EntityType::Location
            && (lexicon::LOCATIONS.contains(&nk)
                || lexicon::COUNTRIES.contains(&nk)
                || lexicon::CITIES.contains(&nk));
        if found.is_none()
            && matches!(kind, EntityType::Organization | EntityType::Location)
            && !known_place
            && cw.len() == 1
        {
            // a lone surname typed as an organisation by its other uses
            // ("Trump" of "Trump Organization"), or as a place by its
            // context ("from Assange"), after the full name of a person is
            // that person: "Donald Trump … whether Trump will" (a known
            // place stays one: "Washington" after "George Washington")
            found = index.last(&[], &[], &[&cw[0]], |i| {
                let e = &ents.ents[i];
                e.kind == EntityType::Person && e.words.len() >= 2 && e.words.last() == cw.first()
            });
        }
        let idx = match found {
            Some(x) => {
                let e = &mut ents.ents[x];
                if cw.len() > e.words.len() && e.kind == kind {
                    e.name = name.clone();
                    e.words = cw;
                    e.key = nk;
                    index.add(x, &ents.ents[x]);
                }
                x
            }
            None => {
                ents.ents.push(Ent {
                    name: canonical(&name, kind),
                    kind,
                    titles: vec![],
                    mentions: vec![],
                    gender: None,
                    company: false,
                    words: cw,
                    key: nk,
                });
                let i = ents.ents.len() - 1;
                index.add(i, &ents.ents[i]);
                i
            }
        };
        let e = &mut ents.ents[idx];
        for t in &c.titles {
            e.add_title(t);
        }
        e.gender = e.gender.or(c.gender);
        e.company |= c.company;
        ents.add_mention(idx, c.span);
    }
    for c in weak {
        let k = key(c.span.slice(text));
        // a person's name first ("Trump" → Donald Trump, not Trump Foundation)
        let hit = index
            .last(&[], &[&k], &[&k], |i| {
                let e = &ents.ents[i];
                e.kind == EntityType::Person && person_match(&e.words, std::slice::from_ref(&k))
            })
            .or_else(|| {
                index.last(&[&k], &[&k], &[], |i| match ents.ents[i].kind {
                    EntityType::Organization => ents.ents[i].words.first() == Some(&k),
                    EntityType::Person => false,
                    _ => ents.ents[i].key == k,
                })
            });
        if let Some(x) = hit {
            ents.add_mention(x, c.span);
        } else if let Some(kind) = c.kind {
            let name = c.span.slice(text).to_string();
            ents.ents.push(Ent {
                name: canonical(&name, kind),
                kind,
                titles: vec![],
                mentions: vec![c.span],
                gender: None,
                company: false,
                words: name_words(&name),
                key: k,
            });
            let i = ents.ents.len() - 1;
            index.add(i, &ents.ents[i]);
        }
    }
    for e in &mut ents.ents {
        e.mentions.sort();
    }
    ents
}

/// Display name: gazetteer names written in capitals ("MOSCOW") get title case.
fn canonical(name: &str, kind: EntityType) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 3 && letters.iter().all(|c| c.is_uppercase());
    if kind == EntityType::Location && all_caps {
        name.split(' ')
            .map(|w| {
                let mut cs = w.chars();
                match cs.next() {
                    Some(f) => f
                        .to_uppercase()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect(),
                    None => String::new(),
                }
            })
            .collect::<Vec<String>>()
            .join(" ")
    } else {
        name.to_string()
    }
}

/// Build an entity for a source mention that names no known entity ("Smith said"):
/// the capitalised words ending the source, typed by the same rules. Returns its index.
pub fn entity_from_source(
    text: &str,
    words: &Words,
    ents: &mut Entities,
    src: Span,
) -> Option<usize> {
    let ws = &words.words;
    let a = words.word_at(src.start);
    let mut b = a;
    while b < ws.len() && ws[b].span.end <= src.end {
        b += 1;
    }
    if b == a || !ws[b - 1].cap || is_stop(text, &ws[b - 1]) {
        return None;
    }
    let mut s = b - 1;
    while s > a && ws[s - 1].cap && !is_stop(text, &ws[s - 1]) {
        s -= 1;
    }
    let mut cands = Vec::new();
    classify_run(text, ws, &words.pos, s, b, &HashSet::default(), &mut cands);
    let mut c = cands.pop()?;
    let word = c.span.slice(text);
    let single = !word.contains(char::is_whitespace);
    let kind = match c.kind {
        Some(k) => k,
        // "Company", "Ministry": a bare organisation word names no one
        None if single && lexicon::ORG_SUFFIXES.contains_key(&key(word)) => return None,
        // "Protesters", "Others": a capitalised plural is a group, not a name
        None if single
            && word.ends_with('s')
            && !lexicon::GIVEN_NAMES.contains_key(&key(word))
            && ws[s].initial =>
        {
            return None;
        }
        None if c.weak => match lexicon::learned(word) {
            // "Libertarian": mostly not a name
            Some(lexicon::Learned::NotName) => return None,
            Some(lexicon::Learned::Name(1)) => EntityType::Organization,
            Some(lexicon::Learned::Name(2)) => EntityType::Location,
            _ => EntityType::Person,
        },
        None => return None,
    };
    c.kind = Some(kind);
    let name = c.span.slice(text).to_string();
    // an entity built for an earlier source with the same name, or a person whose
    // name ends with this one ("Smith" after "John Smith"): one entity, not two
    if let Some(i) = ents.find_named(kind, &key(&name)) {
        for t in &c.titles {
            ents.ents[i].add_title(t);
        }
        ents.add_mention(i, c.span);
        return Some(i);
    }
    let mut e = Ent {
        name: canonical(&name, kind),
        kind,
        titles: vec![],
        mentions: vec![c.span],
        gender: c.gender,
        company: c.company,
        words: name_words(&name),
        key: key(&name),
    };
    for t in &c.titles {
        e.add_title(t);
    }
    ents.ents.push(e);
    Some(ents.ents.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_doc::{Alignment, Document};

    #[test]
    fn a_lone_surname_typed_otherwise_joins_the_person_unless_a_known_place() {
        let text = "Julian Assange; Assange; George Washington; Washington; Mark Acme; Acme";
        let at = |w: &str, nth: usize| {
            let i = text.match_indices(w).nth(nth).map_or(0, |(i, _)| i);
            Span::new(i, i + w.len())
        };
        let cand = |span: Span, kind: EntityType| Cand {
            span,
            kind: Some(kind),
            titles: vec![],
            gender: None,
            company: false,
            weak: false,
        };
        let ents = cluster(
            text,
            vec![
                cand(at("Julian Assange", 0), EntityType::Person),
                cand(at("Assange", 1), EntityType::Location),
                cand(at("George Washington", 0), EntityType::Person),
                cand(at("Washington", 1), EntityType::Location),
                cand(at("Mark Acme", 0), EntityType::Person),
                cand(at("Acme", 1), EntityType::Organization),
            ],
        );
        let got: Vec<(&str, EntityType, usize)> = ents
            .ents
            .iter()
            .map(|e| (e.name.as_str(), e.kind, e.mentions.len()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Julian Assange", EntityType::Person, 2),
                ("George Washington", EntityType::Person, 1),
                ("Washington", EntityType::Location, 1),
                ("Mark Acme", EntityType::Person, 2),
            ]
        );
    }

    fn ents(text: &str) -> Vec<(String, EntityType, Vec<String>, usize)> {
        let d = Document::new("t", text.to_string(), Alignment::identity());
        let w = Words::new(&d);
        recognise(text, &w, &Deadline::none())
            .ents
            .into_iter()
            .map(|e| (e.name, e.kind, e.titles, e.mentions.len()))
            .collect()
    }

    fn find<'a>(
        v: &'a [(String, EntityType, Vec<String>, usize)],
        n: &str,
    ) -> &'a (String, EntityType, Vec<String>, usize) {
        v.iter()
            .find(|e| e.0 == n)
            .unwrap_or_else(|| panic!("{n} not in {v:?}"))
    }

    #[test]
    fn titles_and_canonical_names() {
        let v = ents(
            "MOSCOW (Sputnik) - Russian President Vladimir Putin said on Thursday that he met US President Donald Trump. Putin said Trump's team was ready.",
        );
        let p = find(&v, "Vladimir Putin");
        assert_eq!(p.1, EntityType::Person);
        assert_eq!(p.2, vec!["Russian President".to_string()]);
        assert_eq!(p.3, 2);
        let t = find(&v, "Donald Trump");
        assert_eq!(t.2, vec!["US President".to_string()]);
        assert_eq!(t.3, 2);
        assert_eq!(find(&v, "Moscow").1, EntityType::Location);
        assert!(!v.iter().any(|e| e.0 == "Thursday"));
    }

    #[test]
    fn organisations_locations_and_lowercase_titles() {
        let v = ents(
            "Acme Logistics said it would cut jobs at its Rotterdam depot. Its chief executive, Maria Lopez, said she regretted it. Council member Dev Patel and chief engineer Tom Reyes met in the Kerch Strait near the Ukrainian Navy, the G20 Summit and Russia-US talks.",
        );
        assert_eq!(find(&v, "Acme Logistics").1, EntityType::Organization);
        assert_eq!(find(&v, "Rotterdam").1, EntityType::Location);
        assert_eq!(
            find(&v, "Maria Lopez").2,
            vec!["chief executive".to_string()]
        );
        assert_eq!(find(&v, "Dev Patel").2, vec!["Council member".to_string()]);
        assert_eq!(find(&v, "Tom Reyes").2, vec!["chief engineer".to_string()]);
        assert_eq!(find(&v, "Kerch Strait").1, EntityType::Location);
        assert_eq!(find(&v, "Ukrainian Navy").1, EntityType::Organization);
        assert_eq!(find(&v, "G20").1, EntityType::Organization);
        assert_eq!(find(&v, "Russia").1, EntityType::Location);
        assert_eq!(find(&v, "US").1, EntityType::Location);
    }

    #[test]
    fn sentence_initial_words_need_support() {
        let v = ents(
            "Reporters then turned to the housing package. Environmental groups said no. Senator Mark Ellison paused. Ellison left.",
        );
        assert!(
            !v.iter()
                .any(|e| e.0 == "Reporters" || e.0 == "Environmental")
        );
        let m = find(&v, "Mark Ellison");
        assert_eq!(m.2, vec!["Senator".to_string()]);
        assert_eq!(m.3, 2);
    }

    #[test]
    fn title_edge_cases() {
        let v = ents(
            "He met US Secretary of State Mike Pompeo. Her mother, Queen Elizabeth, came. The Chief Strategy Officer left. Captain James T. Kirk waved.",
        );
        assert_eq!(
            find(&v, "Mike Pompeo").2,
            vec!["US Secretary of State".to_string()]
        );
        assert_eq!(find(&v, "Elizabeth").2, vec!["Queen".to_string()]);
        assert!(!v.iter().any(|e| e.0.contains("Strategy")));
        assert_eq!(find(&v, "James T. Kirk").2, vec!["Captain".to_string()]);
    }

    #[test]
    fn headline_case_runs_keep_the_name() {
        let v = ents("Rival Hillary Clinton Wins Debate. Kerr Putney, the police chief, spoke.");
        assert!(
            v.iter()
                .any(|e| e.0 == "Hillary Clinton" && e.1 == EntityType::Person),
            "{v:?}"
        );
        assert_eq!(find(&v, "Kerr Putney").2, vec!["police chief".to_string()]);
        let v = ents("A statement from the Association of Flight Attendants followed.");
        assert_eq!(
            find(&v, "Association of Flight Attendants").1,
            EntityType::Organization
        );
    }

    #[test]
    fn appositive_after_name() {
        let v = ents("The deal was signed by Jane Smith, chief executive of the firm.");
        assert_eq!(
            find(&v, "Jane Smith").2,
            vec!["chief executive".to_string()]
        );
    }
}
