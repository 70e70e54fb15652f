//! Heuristics as data for flattened-text extraction: generic web chrome
//! vocabulary, "read more" prefixes, date labels and the scoring thresholds.
//!
//! The word lists are generic page-furniture vocabulary (navigation, share
//! widgets, account and subscription prompts, comment-section chrome, cookie
//! and copyright footers) as found on any news site; none is copied from a
//! corpus page.

/// Phrases (lower-case word sequences) that make up chrome lines: a line whose
/// words segment wholly into these (plus [`FILLER`]) is boilerplate.
pub(super) const CHROME: &[&str] = &[
    // audio / live widgets
    "live",
    "listen",
    "listen to this article",
    "audio",
    "podcast",
    "podcasts",
    // share widgets
    "share",
    "shares",
    "share this",
    "share article",
    "share story",
    "tweet",
    "retweet",
    "email",
    "e mail",
    "print",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "reddit",
    "pinterest",
    "tumblr",
    "telegram",
    "instagram",
    "youtube",
    "flipboard",
    "pocket",
    "messenger",
    "sms",
    "google plus",
    "google",
    "copy link",
    "copy url",
    "link copied",
    "url copied",
    "copied",
    "permalink",
    "embed",
    // account and subscription
    "subscribe",
    "subscribe now",
    "subscriber",
    "subscriptions",
    "unsubscribe",
    "sign in",
    "sign up",
    "sign out",
    "log in",
    "log out",
    "login",
    "logout",
    "register",
    "my account",
    "account",
    "profile",
    "newsletter",
    "newsletters",
    "donate",
    "support us",
    "upgrade",
    "premium",
    "free trial",
    "bookmark",
    "save",
    "saved",
    "save article",
    "gift article",
    "notifications",
    "alerts",
    // advertising
    "advertisement",
    "advertising",
    "advertise",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "promoted",
    "partner content",
    // comment-section chrome
    "comments",
    "comment",
    "post comment",
    "add comment",
    "leave a comment",
    "leave a reply",
    "reply",
    "cancel reply",
    "show comments",
    "view comments",
    "load comments",
    "community guidelines",
    "discussion",
    "join the discussion",
    "join the conversation",
    "view the discussion thread",
    "follow",
    "follow us",
    "like",
    "likes",
    "loading",
    // comment and related headings in other languages (es, pt, fr, de, it)
    "comentarios",
    "comentários",
    "comentário",
    "commentaires",
    "kommentare",
    "commenti",
    "deixe uma resposta",
    "deja una respuesta",
    "cancelar resposta",
    "laisser un commentaire",
    "lascia un commento",
    "artigos relacionados",
    "noticias relacionadas",
    "notícias relacionadas",
    "artículos relacionados",
    "articles liés",
    "à lire aussi",
    "lesen sie auch",
    "ähnliche artikel",
    "articoli correlati",
    "leia também",
    "leia mais",
    "lee también",
    "compartilhe",
    "compartir",
    "partager",
    "teilen",
    "condividi",
    // related-content headings and pagination
    "read more",
    "see more",
    "show more",
    "load more",
    "view more",
    "read next",
    "up next",
    "next",
    "previous",
    "prev",
    "next article",
    "next post",
    "previous post",
    "edit profile",
    "continue reading",
    "continue reading the main story",
    "previous article",
    "next story",
    "previous story",
    "related",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "related tags",
    "related topics",
    "tags",
    "topics",
    "most popular",
    "most read",
    "most viewed",
    "most shared",
    "popular",
    "trending",
    "trending now",
    "latest",
    "latest news",
    "recommended",
    "you may also like",
    "you might also like",
    "more stories",
    "more news",
    "view all",
    "see all",
    "show all",
    // navigation
    "back to top",
    "skip to content",
    "skip to main content",
    "skip navigation",
    "menu",
    "main menu",
    "close",
    "close menu",
    "open menu",
    "toggle navigation",
    "navigation",
    "search",
    "home",
    "homepage",
    "rss",
    "rss feed",
    "rss feeds",
    "sitemap",
    "site map",
    // footer
    "cookie policy",
    "cookies",
    "cookie settings",
    "manage preferences",
    "privacy",
    "privacy policy",
    "terms",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "contact",
    "contact us",
    "about",
    "about us",
    "help",
    "faq",
    "careers",
    "accept",
    "got it",
    "agree",
    "settings",
    "feedback",
    "report an error",
    // media widgets
    "watch",
    "video",
    "videos",
    "photo",
    "photos",
    "gallery",
    "play",
    "pause",
    "mute",
    "unmute",
    "full screen",
    "fullscreen",
    "expand",
    "collapse",
    "font size",
    "text size",
];

/// Words that may pad a chrome line ("Share this on WhatsApp", "Follow us on
/// Twitter") without making it content. A line of filler only is not chrome.
pub(super) const FILLER: &[&str] = &[
    "this", "on", "us", "to", "with", "via", "the", "our", "in", "up", "for", "now", "here",
    "more", "a", "an", "of", "and", "or", "your", "you", "it", "by", "at", "get", "all", "page",
    "story", "article", "link", "url", "x",
];

/// Longest chrome line, in words, checked against [`CHROME`].
pub(super) const CHROME_MAX_WORDS: usize = 8;

/// Longest line, in bytes, checked against [`CHROME`] and the end markers.
pub(super) const CHROME_MAX_BYTES: usize = 200;

/// Longest picture-credit line, in bytes.
pub(super) const CREDIT_MAX_BYTES: usize = 160;

/// Longest caption (the line right above a picture credit), in words.
pub(super) const CAPTION_MAX_WORDS: usize = 40;

/// Substrings (lower case) that mark a whole line as footer or widget chrome
/// when the line is shorter than [`CHROME_SENTENCE_MAX_CHARS`]: cookie and
/// copyright notices, calls to action.
pub(super) const CHROME_SENTENCES: &[&str] = &[
    "all rights reserved",
    "we use cookies",
    "uses cookies",
    "use of cookies",
    "cookie policy",
    "accept cookies",
    "this website uses",
    "this site uses",
    "by using our site",
    "by using this site",
    "by continuing to use",
    "click here to",
    "sign up for our",
    "subscribe to our",
    "subscribe to the",
    "follow us on",
    "like us on facebook",
    "enable javascript",
    "javascript is disabled",
    "your browser does not support",
    "is not available in your browser",
    "share your thoughts",
    "add your comment",
    "post a comment",
    "to read the full story",
    "to continue reading",
    "already a subscriber",
    "download our app",
    "get the app",
    "report a typo",
    "on this website",
    "registered trademark",
    "comments are closed",
    "post navigation",
    "deixe uma resposta",
    "deja una respuesta",
    "laisser un commentaire",
    "lascia un commento",
];

/// Lines up to this many characters may be matched by [`CHROME_SENTENCES`]
/// anywhere; longer lines only in their first [`CHROME_SENTENCE_HEAD`] bytes.
pub(super) const CHROME_SENTENCE_MAX_CHARS: usize = 260;

/// How far into a long line a [`CHROME_SENTENCES`] notice may start.
pub(super) const CHROME_SENTENCE_HEAD: usize = 80;

/// Chrome lines that close an article: the comment section and post
/// navigation come after the body, so the body is looked for before the
/// first of them that has enough prose above it.
pub(super) const END_MARKERS: &[&str] = &[
    "comment",
    "comments",
    "discussion",
    "reply",
    "replies",
    "responses",
    "previous post",
    "next post",
    "post navigation",
    "comentarios",
    "comentários",
    "comentário",
    "commentaires",
    "kommentare",
    "commenti",
    "deixe uma resposta",
    "deja una respuesta",
    "laisser un commentaire",
    "lascia un commento",
];

/// Related-stories headings: they end the body when less prose follows them
/// than precedes them (a box inside the article has the article on both sides).
pub(super) const RELATED_MARKERS: &[&str] = &[
    "related",
    "most popular",
    "most read",
    "more stories",
    "you may also like",
    "you might also like",
    "recommended",
    "read next",
    "up next",
    "artigos relacionados",
    "noticias relacionadas",
    "notícias relacionadas",
    "artículos relacionados",
    "articles liés",
    "à lire aussi",
    "lesen sie auch",
    "ähnliche artikel",
    "articoli correlati",
    "leia também",
    "lee también",
];

/// Longest "More <Site>" listing heading, in words.
pub(super) const MORE_HEADING_WORDS: usize = 7;

/// An article resumes after a related box when two paragraphs in a row come
/// back within this many lines of the heading.
pub(super) const RESUME_WITHIN: usize = 8;

/// At most this many end markers are tried (bounds the work on huge inputs).
pub(super) const MAX_END_MARKERS: usize = 64;

/// Prose (in word-equivalents) that must precede an end marker for the body
/// to be looked for above it.
pub(super) const MIN_BODY_WEIGHT: f64 = 25.0;

/// Prefixes (lower case, without the colon) of lines pointing to another
/// story: the rest of the line is a related headline.
pub(super) const READ_MORE_PREFIXES: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "related story",
    "related article",
    "related coverage",
    "more on this",
    "more",
    "watch",
    "read",
    "recommended",
    "also see",
    "don't miss",
    "don’t miss",
    "must read",
];

/// Labels of a page stamp giving the first publication.
pub(super) const PUBLISHED_LABELS: &[&str] = &[
    "published",
    "first published",
    "posted",
    "posted on",
    "date",
    "dated",
    "created",
    "released",
];

/// Labels of a page stamp giving the last modification.
pub(super) const UPDATED_LABELS: &[&str] =
    &["updated", "last updated", "modified", "last modified"];

/// Words left lower case inside a title-cased headline.
pub(super) const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "vs", "via", "into", "over", "off", "up", "per", "than", "is", "be", "are",
    "was", "if", "so", "de", "la", "le", "el", "da", "du", "van", "von",
];

/// Approximate characters per word, to weigh lines of scripts without spaces
/// like those with them.
pub(super) const CHARS_PER_WORD: f64 = 6.0;

/// Score of a chrome line in the densest-block search.
pub(super) const CHROME_SCORE: f64 = -16.0;

/// Score of a short line that is not prose (navigation item, headline).
pub(super) const SHORT_SCORE: f64 = -3.0;

/// Score of a short line that reads like prose but lacks sentence punctuation.
pub(super) const SHORT_PROSE_SCORE: f64 = -1.0;

/// A line without sentence-final punctuation counts as prose from this many
/// word-equivalents on (a long paragraph whose end was cut).
pub(super) const LONG_LINE_WORDS: f64 = 15.0;

/// Such a line needs one comma or stop per this many word-equivalents.
pub(super) const WORDS_PER_MARK: f64 = 30.0;

/// Weight factor of such long unpunctuated lines.
pub(super) const LONG_LINE_FACTOR: f64 = 0.5;

/// How many lines away the context rule looks for prose around a short line.
pub(super) const CONTEXT_REACH: usize = 4;

/// Score of a short line between prose lines.
pub(super) const CONTEXT_SCORE: f64 = 0.0;

/// A short line repeated more than this many lines away is page chrome (a
/// menu printed twice, the kicker above and below the body); closer repeats
/// are list items.
pub(super) const REPEAT_DISTANCE: usize = 5;

/// A hard-wrapped paragraph line has at least this many words before the
/// next line continues it.
pub(super) const WRAP_MIN_WORDS: usize = 3;

/// Minimum words of a prose line.
pub(super) const PROSE_MIN_WORDS: usize = 3;

/// A headline has at most this many words.
pub(super) const HEADLINE_MAX_WORDS: usize = 25;

/// A headline has at least this share of capitalised content words.
pub(super) const HEADLINE_CAPS_RATIO: f64 = 0.7;

/// A series label (kicker) has at most this many words.
pub(super) const SERIES_MAX_WORDS: usize = 6;

/// How many lines above the body are searched for the kicker and title.
pub(super) const HEADER_WINDOW: usize = 12;

/// A tag line is looked for in this many lines after the body.
pub(super) const TAG_WINDOW: usize = 12;

/// A kicker without a count sits at most this many lines above the headline.
pub(super) const KICKER_REACH: usize = 3;

/// Items of a tag line: at least this many, each at most
/// [`TAG_MAX_WORDS`] words.
pub(super) const TAG_MIN_ITEMS: usize = 3;

/// A tag line holds at most this many digits (an address or a score line
/// is no tag list).
pub(super) const TAG_MAX_DIGITS: usize = 4;

/// Longest tag, in words.
pub(super) const TAG_MAX_WORDS: usize = 4;

/// A plain text (no chrome) has at most this share of short non-prose lines.
pub(super) const PLAIN_MAX_SHORT_SHARE: f64 = 0.5;

/// A run of this many adjacent short non-prose lines (no blank line between)
/// is a menu: the text is not plain.
pub(super) const NAV_RUN: usize = 3;
