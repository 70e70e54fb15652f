//! Bylines: who wrote a page. Names come, in this order of trust, from the
//! page's declared metadata (JSON-LD `author`, `<meta name="author">` and
//! its kin, Twitter's "Written by" card), from byline elements (`itemprop`
//! / `rel` / class `author` or `byline`), from a link to an author page
//! (`/author/jane-doe`), and from a visible label ("By Jane Doe",
//! "Written by" followed by a name).

use super::dom::{Attribute, Dom, Kind, Node};
use super::meta::clean;
use regex::Regex;
use scraper::node::Element;
use std::sync::LazyLock;

/// `<meta>` keys of byline names.
pub(crate) const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "twitter:creator:name",
    "og:article:author",
];

/// Class/id fragments of byline elements.
pub(crate) static AUTHOR_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:.*[-_ ])?(?:author|byline|autor|auteur|verfasser)(?:s|name|-name|_name|[-_]?link|[-_]info)?$")
        .expect("static regex")
});

/// Prefixes of byline names ("By Jane Doe").
pub(crate) static BY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:written|posted|reported|analysis|opinion|commentary|review|interview|story|words|text)\s+by|by|von|par|por|di|door|af|av|autor:?|author:?|text:?|from)\s+")
        .expect("static regex")
});

/// Byline names of a string: "By Jane Doe and John Roe | Reuters" → both names.
/// A name starts with a capital letter (visible text: "By using this site"
/// is no byline).
pub(crate) fn split_names(s: &str) -> Vec<String> {
    split(s, false)
}

/// Names the page declares as its author (`<meta name="author">`, JSON-LD,
/// Twitter's "Written by" card): as [`split_names`], but a lower-case name
/// or a user handle ("stephenlega", "q_admin") is kept, as the page gives it.
pub(crate) fn split_declared(s: &str) -> Vec<String> {
    split(s, true)
}

/// Values that stand where no author was filled in: CMS default accounts,
/// template placeholders, and the words of "Sort by …" controls.
const NOT_NAMES: &[&str] = &[
    "admin",
    "administrator",
    "webmaster",
    "undefined",
    "null",
    "none",
    "unknown",
    "guest",
    "category",
    "date",
    "topic",
    "type",
    "relevance",
    "popularity",
    "collection",
    "brand",
    "size",
    "color",
    "colour",
    "price",
    "style",
    "department",
];

fn split(s: &str, declared: bool) -> Vec<String> {
    // an entity escaped twice ("Maria &amp;amp; Katerina") reaches us as "&amp;"
    let s = clean(&s.replace("&amp;", "&"));
    let s = s
        .split(['|', '·', '•', '—', '–', '\n'])
        .next()
        .unwrap_or("")
        .trim();
    let s = BY_PREFIX.replace(s, "");
    let mut out = Vec::new();
    for part in s
        .split([',', '&', ';', '/'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" et "))
        .flat_map(|p| p.split(" y "))
    {
        let p = BY_PREFIX.replace(part.trim(), "");
        let p = sentence_cut(p.trim());
        let p = p
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')');
        let p = without_trailing_role(without_trailing_weekday(p));
        if is_name(p, declared) {
            out.push(p.to_string());
        }
    }
    out
}

/// Abbreviations a full stop inside a name may follow ("Martin Luther King
/// Jr. Smith" is rare, "Dr. Ana Ruiz" common).
const NAME_ABBREVIATIONS: &[&str] = &["jr", "sr", "dr", "mr", "mrs", "ms", "st", "prof", "rev"];

/// A name up to a full stop that ends a sentence in it: "Finian Cunningham.
/// Sputnik International" → "Finian Cunningham" (the outlet after the
/// name); the stop after an initial ("John F. Kennedy") or an abbreviation
/// ("Dr. Ana Ruiz") stays.
fn sentence_cut(p: &str) -> &str {
    let mut from = 0;
    while let Some(k) = p[from..].find(". ").map(|k| from + k) {
        let word = p[..k].rsplit(' ').next().unwrap_or("");
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 1 && !NAME_ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
            return &p[..k];
        }
        from = k + 2;
    }
    p
}

fn is_name(p: &str, declared: bool) -> bool {
    if NOT_NAMES.iter().any(|w| p.eq_ignore_ascii_case(w))
        || is_calendar_word(p)
        || is_placeholder(p)
        || LABEL.find(p).is_some_and(|m| m.end() == p.len())
    {
        // a placeholder, or a bare label ("Written By") with no name after it
        return false;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || p.chars().count() > 60 {
        return false;
    }
    if p.chars()
        .any(|c| c.is_ascii_digit() || c == '@' || c == ':')
        || p.contains("://")
    {
        return false;
    }
    // a company's legal name ("SmartEtailing Inc", "Kneib Dentistry PC")
    // is an organisation, not an author
    if words.len() > 1
        && LEGAL_FORMS.iter().any(|f| {
            words[words.len() - 1]
                .trim_end_matches('.')
                .eq_ignore_ascii_case(f)
        })
    {
        return false;
    }
    // an institution ("Loyola Marymount University", "Texas Coalition for
    // Heritage Spanish") is the page's owner or a body it names, not a
    // byline
    if words.len() > 1
        && words.iter().any(|w| {
            INSTITUTIONS
                .iter()
                .any(|i| w.trim_end_matches([',', '.']).eq_ignore_ascii_case(i))
        })
    {
        return false;
    }
    // in visible text every word of a name is capitalised but its
    // particles ("Ludwig van Beethoven"): "Securitum since" is a sentence
    if !declared
        && words[1..].iter().any(|w| {
            w.chars().next().is_some_and(|c| c.is_lowercase())
                && !PARTICLES.contains(&w.trim_end_matches('.'))
        })
    {
        return false;
    }
    words[0]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || declared && c.is_alphabetic())
}

/// Legal forms closing a company's name.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "llp",
    "ltd",
    "limited",
    "gmbh",
    "plc",
    "pc",
    "sas",
    "corp",
    "corporation",
    "pty",
];

/// Nouns naming an institution (never part of a personal name).
const INSTITUTIONS: &[&str] = &[
    "university",
    "universities",
    "institute",
    "coalition",
    "association",
    "foundation",
    "council",
    "society",
    "ministry",
    "department",
    "committee",
    "federation",
    "college",
];

/// Lower-case words inside personal names, and of group and column
/// bylines ("The Currency editors", "Ask the Doctors").
const PARTICLES: &[&str] = &[
    "the", "of", "for", "editors", "staff", "team", "van", "von", "vom", "de", "der", "den", "del",
    "della", "dei", "da", "das", "do", "dos", "di", "du", "la", "le", "les", "bin", "ibn", "al",
    "el", "ter", "ten", "zu", "y", "e", "af", "av",
];

/// A name without the weekday a byline line ran on into ("Malcolm Owen
/// Monday" → "Malcolm Owen"; a weekday is no surname).
fn without_trailing_weekday(p: &str) -> &str {
    match p.rsplit_once(' ') {
        Some((head, last))
            if head.contains(|c: char| c.is_alphabetic())
                && quotewire_doc::calendar::WEEKDAYS_EN
                    .iter()
                    .any(|d| last.trim_end_matches([',', '.']).eq_ignore_ascii_case(d)) =>
        {
            head.trim_end_matches([',', ' '])
        }
        _ => p,
    }
}

/// Words that make a role of the words before a job title ("Travel
/// Editor", "Staff Writer"): the byline is the role as the page shows it.
const ROLE_MODIFIERS: &[&str] = &[
    "staff",
    "senior",
    "chief",
    "national",
    "political",
    "contributing",
    "special",
    "travel",
    "sports",
    "business",
    "foreign",
    "regional",
    "local",
    "guest",
    "news",
    "managing",
    "deputy",
    "associate",
    "executive",
    "digital",
    "science",
    "health",
    "food",
    "arts",
];

/// "Rachel Ruiz Writer" → "Rachel Ruiz": a job title after a two-word
/// name in title case is cut; a byline that is only a role ("AAA Travel
/// Editor", "SFist Contributor") stays as the page gives it.
fn without_trailing_role(p: &str) -> &str {
    let words: Vec<&str> = p.split_whitespace().collect();
    let [a, b, role] = words.as_slice() else {
        return p;
    };
    let title_case = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
    };
    if ROLE_HEADS.iter().any(|r| role.eq_ignore_ascii_case(r))
        && title_case(a)
        && title_case(b)
        && !ROLE_MODIFIERS
            .iter()
            .any(|m| b.eq_ignore_ascii_case(m) || a.eq_ignore_ascii_case(m))
    {
        return p[..p.rfind(role).unwrap_or(p.len())].trim_end();
    }
    p
}

/// Job titles a byline may end on after the name ("Rachel Ruiz Writer").
const ROLE_HEADS: &[&str] = &[
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "columnist",
    "contributor",
    "producer",
    "critic",
];

/// A month or weekday alone ("By March 15" is a deadline, not a byline;
/// "June Carter" stays a name).
fn is_calendar_word(p: &str) -> bool {
    let first = p.trim_end_matches(['.', ',']);
    quotewire_doc::calendar::MONTHS_EN
        .iter()
        .any(|(m, _)| first.eq_ignore_ascii_case(m))
        || quotewire_doc::calendar::WEEKDAYS_EN
            .iter()
            .any(|d| first.eq_ignore_ascii_case(d))
}

/// A template variable left in the page (`page.head.extra.author`,
/// `post.author.name`): a dotted path ending in an author or name field.
fn is_placeholder(p: &str) -> bool {
    let (path, last) = match p.rsplit_once('.') {
        Some(x) => x,
        None => return false,
    };
    matches!(last, "author" | "authors" | "name" | "byline")
        && path
            .split('.')
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
}

/// The author of Twitter's summary card labels (`twitter:label1` =
/// "Written by", `twitter:data1` = the name), as Yoast SEO writes them.
pub(crate) fn twitter_written_by<'a>(metas: &[(String, &'a str)]) -> Option<&'a str> {
    (1..=4).find_map(|k| {
        let label = format!("twitter:label{k}");
        let written = metas
            .iter()
            .any(|(mk, c)| *mk == label && c.trim().eq_ignore_ascii_case("written by"));
        let data = format!("twitter:data{k}");
        written
            .then(|| metas.iter().find(|(mk, _)| *mk == data).map(|(_, c)| *c))
            .flatten()
    })
}

/// A visible byline label at the start of a text node: "By", "Written by",
/// "Posted by", "Author:" (the names follow in the same text or in the
/// next text of the page).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:written|posted|reported|authored|words|article|story)\s+by|by|author|authors|autor|auteur|von|par|por)\s*:?(?:\s+|$)")
        .expect("static regex")
});

/// Where the names of a byline line end: " on Monday", " am 3. März", a date.
pub(crate) static BY_LINE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r" (?:on|am|le|el|il|op|at) |\d").expect("static regex"));

/// Most bytes of a text node read as a byline label with its names.
const MAX_LABEL_TEXT: usize = 100;
/// Nodes after a bare label ("Written by") searched for the names.
const LABEL_REACH: usize = 12;

/// The names after a byline label starting text node `i` ("By Amy Wilhelm";
/// "Written by" then "Edzel Tabing" in the next element), or none.
pub(crate) fn label_names(dom: &Dom, i: usize, text: &str) -> Vec<String> {
    let t = text.trim();
    if t.len() > MAX_LABEL_TEXT {
        return Vec::new();
    }
    let Some(m) = LABEL.find(t) else {
        return Vec::new();
    };
    // "By Manufacturer" as a link is a menu entry; a byline's label stands
    // outside the link to the author ("By <a>Jane Doe</a>")
    if dom
        .nodes
        .get(dom.nodes[i].parent)
        .is_some_and(|p| p.tag() == "a")
    {
        return Vec::new();
    }
    let rest = t[m.end()..].trim();
    if !rest.is_empty() {
        let cut = BY_LINE_END.find(rest).map_or(rest.len(), |m| m.start());
        return split_names(&rest[..cut]);
    }
    // a bare label: the names are the next text of the page
    let end = (i + 1 + LABEL_REACH).min(dom.nodes.len());
    for n in &dom.nodes[i + 1..end] {
        if let Kind::Text(next) = n.kind {
            let next = next.trim().trim_start_matches(':').trim();
            if next.is_empty() {
                continue;
            }
            if n.hard || next.len() > MAX_LABEL_TEXT {
                return Vec::new();
            }
            return split_names(next);
        }
    }
    Vec::new()
}

/// Path segments of links to an author's page.
static AUTHOR_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/(?:author|authors|contributors?|writers?|columnists?|journalists?|reporters?)/[^/?#]+/?(?:[?#].*)?$")
        .expect("static regex")
});

/// The name an author-page link shows (`<a href="/author/jane-doe">Jane
/// Doe</a>`), when it is one name.
pub(crate) fn link_names(dom: &Dom, i: usize, n: &Node<'_>, e: &Element) -> Vec<String> {
    if e.name() != "a" || n.end - i > 6 {
        return Vec::new();
    }
    let Some(href) = e.attribute("href") else {
        return Vec::new();
    };
    if !AUTHOR_PATH.is_match(href) {
        return Vec::new();
    }
    let t = super::meta::subtree_text_capped(dom, i, 120);
    if t.len() > MAX_LABEL_TEXT {
        return Vec::new();
    }
    let names = split_names(&t);
    if names.len() == 1 { names } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The authors `extract` finds in a page whose body is `body`.
    fn authors(head: &str, body: &str) -> Vec<String> {
        let para = "<p>The council met on Tuesday to discuss the budget for the next year, \
                    and members spoke at length about schools, roads and the library.</p>";
        let html = format!(
            "<html><head><title>Budget</title>{head}</head><body><article><h1>The budget</h1>\
             {body}{para}{para}{para}</article></body></html>"
        );
        crate::html::extract(&html, None).meta.authors
    }

    #[test]
    fn bylines_lose_weekdays_column_labels_and_bare_roles() {
        assert_eq!(split_names("By Ana Ruiz Monday, March 3"), ["Ana Ruiz"]);
        assert_eq!(split_names("Analysis by Tom Reyes"), ["Tom Reyes"]);
        assert_eq!(split_names("Opinion by Tom Reyes"), ["Tom Reyes"]);
        assert_eq!(split_names("By Ana Ruiz Writer"), ["Ana Ruiz"]);
        // a role as the page shows it stays
        assert_eq!(split_names("By Town Travel Editor"), ["Town Travel Editor"]);
        // a weekday alone is no name
        assert!(split_names("By Monday").is_empty());
    }

    #[test]
    fn a_visible_label_names_the_author() {
        assert_eq!(
            authors("", "<p class=\"meta\">By Amy Wilhelm</p>"),
            ["Amy Wilhelm"]
        );
        assert_eq!(
            authors("", "<div><p>Written by</p><p>Edzel Tabing</p></div>"),
            ["Edzel Tabing"]
        );
        assert_eq!(
            authors("", "<span>By</span> <a href=\"/about\">Daniel Renfrow</a>"),
            ["Daniel Renfrow"]
        );
        // a menu entry, a sentence
        assert!(authors("", "<ul><li><a href=\"/m\">By Manufacturer</a></li></ul>").is_empty());
        assert!(authors("", "<p>by using this site you agree</p>").is_empty());
    }

    #[test]
    fn an_author_page_link_names_the_author() {
        assert_eq!(
            authors(
                "",
                "<div><a href=\"https://example.org/authors/emily-walker/\">Emily Walker</a></div>"
            ),
            ["Emily Walker"]
        );
        assert!(
            authors(
                "",
                "<div><a href=\"/topics/emily-walker/\">Emily Walker</a></div>"
            )
            .is_empty()
        );
    }

    #[test]
    fn declared_names_are_kept_as_given() {
        assert_eq!(
            authors("<meta name=\"author\" content=\"stephenlega\">", ""),
            ["stephenlega"]
        );
        assert_eq!(
            authors(
                "<meta name=\"twitter:label1\" content=\"Written by\">\
                 <meta name=\"twitter:data1\" content=\"Nawaz Dhandala\">",
                ""
            ),
            ["Nawaz Dhandala"]
        );
        // placeholders are no author; the byline below them is
        for placeholder in ["admin", "undefined", "page.head.extra.author"] {
            assert_eq!(
                authors(
                    &format!("<meta name=\"author\" content=\"{placeholder}\">"),
                    "<p class=\"byline\">By Tim Enwall</p>"
                ),
                ["Tim Enwall"],
                "{placeholder}"
            );
        }
        assert_eq!(
            split_declared("Maria &amp; Katerina"),
            ["Maria", "Katerina"]
        );
        // visible text keeps the capital-letter check
        assert!(split_names("stephenlega").is_empty());
        assert!(split_names("Written By").is_empty());
        assert!(split_names("Posted by:").is_empty());
        assert!(split_names("March").is_empty());
        assert!(split_names("Collection").is_empty());
    }

    #[test]
    fn a_company_legal_name_is_no_author() {
        for company in ["Example Widgets Inc.", "Harbor Dental PC", "Northwind Ltd"] {
            assert!(
                authors(&format!("<meta name=\"author\" content=\"{company}\">"), "").is_empty(),
                "{company}"
            );
        }
        // the byline below it names the author
        assert_eq!(
            authors(
                "<meta name=\"author\" content=\"Northwind Ltd\">",
                "<p class=\"byline\">By Jane Doe</p>"
            ),
            ["Jane Doe"]
        );
    }

    #[test]
    fn a_name_ends_at_a_full_stop_after_a_word() {
        assert_eq!(
            split_declared("Finian Cunningham. Sputnik International"),
            vec!["Finian Cunningham"]
        );
        assert_eq!(split_declared("John F. Kennedy"), vec!["John F. Kennedy"]);
        assert_eq!(split_names("By Dr. Ana Ruiz"), vec!["Dr. Ana Ruiz"]);
    }

    #[test]
    fn a_sentence_after_by_is_no_name() {
        // "audited <a>by</a> Securitum since 2022": lower-case words that
        // are no name particles make a sentence, not a byline
        assert!(split_names("Securitum since").is_empty());
        assert!(split_names("Example Labs is hiring").is_empty());
        assert_eq!(
            split_names("Ludwig van Beethoven"),
            ["Ludwig van Beethoven"]
        );
        assert_eq!(split_names("The Ledger editors"), ["The Ledger editors"]);
        // an institution is no byline, declared or shown
        assert!(split_names("By Northfield Coalition for Clean Rivers").is_empty());
        assert!(split_declared("Westbrook State University").is_empty());
        assert_eq!(split_names("By Ana Collegio"), ["Ana Collegio"]);
        assert_eq!(split_names("Ask the Experts"), ["Ask the Experts"]);
        // a CMS account is no author
        for account in ["webmaster", "Webmaster"] {
            assert_eq!(
                authors(&format!("<meta name=\"author\" content=\"{account}\">"), ""),
                Vec::<String>::new(),
                "{account}"
            );
        }
    }

    #[test]
    fn the_outlet_as_declared_author_gives_way_to_the_byline() {
        let head = "<meta property=\"og:site_name\" content=\"Daily Ledger\">\
                    <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
                    \"author\":[{\"@type\":\"Person\",\"name\":\"Ana Ruiz\"},\
                    {\"@type\":\"Person\",\"name\":\"The Daily Ledger\"}]}</script>";
        // the byline names someone else: the outlet goes, the people stay
        assert_eq!(
            authors(head, "<p class=\"byline\">By Ana Ruiz</p>"),
            ["Ana Ruiz"]
        );
        let head = "<meta property=\"og:site_name\" content=\"Daily Ledger\">\
                    <meta name=\"author\" content=\"Daily Ledger\">";
        assert_eq!(
            authors(head, "<p class=\"byline\">By Ana Ruiz</p>"),
            ["Ana Ruiz"]
        );
        // no byline: the page gives the outlet as its author, and it stays
        assert_eq!(authors(head, ""), ["Daily Ledger"]);
        // a byline naming the outlet keeps it
        assert_eq!(
            authors(head, "<p class=\"byline\">By Daily Ledger</p>"),
            ["Daily Ledger"]
        );
    }

    #[test]
    fn layout_classes_of_the_page_do_not_hide_the_byline() {
        let html = "<html><head><title>T</title></head><body class=\"has-sidebar footer-on-bottom\">\
             <article><h1>The budget</h1><span class=\"author vcard\">Trevor Jones</span>\
             <p>The council met on Tuesday to discuss the budget for the next year, and members \
             spoke at length about schools, roads and the library.</p></article></body></html>";
        assert_eq!(
            crate::html::extract(html, None).meta.authors,
            ["Trevor Jones"]
        );
    }
}
