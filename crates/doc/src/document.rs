//! The in-library document: text, alignment, metadata and annotation layers.

use crate::{Alignment, Deadline, Span, Tags};
use serde::{Deserialize, Serialize};

/// One analysed document as it travels through the pipeline.
///
/// Produced by `quotewire-extract` (text, alignment, metadata), then annotated
/// in place by `quotewire-segment` ([`Layers`]), `quotewire-tag`
/// ([`Layers::pos`]), `quotewire-attribute`
/// ([`Attribution`]s) and `quotewire-resolve` ([`Entity`]s, speakers,
/// [`Timex`]es, warnings). All spans are byte offsets into [`Document::text`].
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Input id: file stem, WARC-Record-ID, or URL.
    pub id: String,
    /// Canonical URL when known.
    pub url: Option<String>,
    /// Cleaned main text; paragraphs separated by a blank line (`"\n\n"`); no NBSP
    /// (unless the input was kept verbatim with `--keep-text`).
    pub text: String,
    /// Where each byte of `text` came from in the decoded input.
    pub alignment: Alignment,
    /// Page metadata (title, dates, authors, dateline, tags, related links...).
    pub meta: Metadata,
    /// Segmentation layers (paragraphs, sentences, tokens, quotation marks).
    pub layers: Layers,
    /// Who said what.
    pub attributions: Vec<Attribution>,
    /// People, organisations, locations... mentioned in `text`.
    pub entities: Vec<Entity>,
    /// Time expressions.
    pub timexes: Vec<Timex>,
    /// Anything suspicious the reader should know.
    pub warnings: Vec<String>,
    /// When the analysis of this document must stop (the per-document time
    /// budget, set by the facade; [`Deadline::none`] by default). The slow
    /// stages poll it in their loops and stop early, leaving what they have
    /// done consistent; the facade then names the stage in a warning.
    pub deadline: Deadline,
}

impl Document {
    /// A document with its text and alignment and nothing else yet.
    pub fn new(id: impl Into<String>, text: String, alignment: Alignment) -> Document {
        Document {
            id: id.into(),
            text,
            alignment,
            ..Document::default()
        }
    }

    /// The text under a span (`""` if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}

/// Page-level metadata.
///
/// Dates are ISO 8601 strings as stated by the page, with only the precision
/// the page gives (`"2021-04"` for a URL path carrying year and month).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// BCP-47 language code, e.g. `"en"`.
    pub language: Option<String>,
    /// First publication date.
    pub published: Option<String>,
    /// Last modification date, when the page states one apart from `published`.
    pub updated: Option<String>,
    /// Byline names.
    pub authors: Vec<String>,
    /// Publisher or agency name.
    pub outlet: Option<String>,
    /// Dateline ("MOSCOW (Sputnik) -").
    pub dateline: Option<Dateline>,
    /// Kicker / story-series label.
    pub series: Option<String>,
    /// Keywords the page lists.
    pub tags: Vec<String>,
    /// Related-story links and "Read more" lines removed from the text.
    pub related: Vec<Related>,
    /// What kind of page this is (HTML pages): one of [`PAGE_TYPES`]; `None`
    /// when unknown (text input).
    pub page_type: Option<String>,
}

/// The page types of [`Metadata::page_type`] (WCXB's seven types, plus
/// `other`).
pub const PAGE_TYPES: &[&str] = &[
    "article",
    "listing",
    "forum",
    "product",
    "collection",
    "documentation",
    "service",
    "other",
];

/// A dateline: "MOSCOW (Sputnik) -" gives place "Moscow", source "Sputnik".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place, in title case ("Moscow").
    pub place: String,
    /// The agency or outlet in parentheses, if any ("Sputnik").
    pub source: Option<String>,
    /// Where the dateline sits in `text`, when it was kept there.
    pub span: Option<Span>,
}

/// A related-story link or "READ MORE" line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Related {
    /// The headline as shown.
    pub title: String,
    /// Target URL when known.
    pub url: Option<String>,
}

/// Segmentation layers, written by `quotewire-segment`.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    /// Paragraph spans, in order, without surrounding whitespace.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, in order, without surrounding whitespace.
    pub sentences: Vec<Span>,
    /// Word and punctuation tokens, in order.
    pub tokens: Vec<Token>,
    /// Paired quotation marks (direct-quote candidates), in order of opening.
    pub quotes: Vec<QuoteMark>,
    /// Part-of-speech tags, one per token (`pos[i]` tags `tokens[i]`), written
    /// by `quotewire-tag`; empty until that stage ran. Penn Treebank tags
    /// ("NN", "VBD", "NNP"...); a token that PTB tokenisation splits in two
    /// ("don't", "Trump's") carries both tags joined by `+` ("VBP+RB",
    /// "NNP+POS"). Kept as 2-byte ids ([`Tags`]); `pos[i]` is a `&'static str`.
    pub pos: Tags,
}

/// A token: a word, number or punctuation mark.
///
/// Kept as three `u32` (12 bytes, where `usize` fields took 24: the token
/// layer is the largest per-token structure of a document), so a token
/// lies in the first 4 GiB of a text; [`Token::new`] says `None` past that.
/// [`Token::span`] and [`Token::sentence`] give byte offsets and sentence
/// indices as `usize`, as everywhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    sentence: u32,
}

impl Token {
    /// A token at `span` in sentence `sentence`; `None` when an offset or
    /// the index does not fit in 32 bits (a text over 4 GiB).
    pub fn new(span: Span, sentence: usize) -> Option<Token> {
        Some(Token {
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
            sentence: u32::try_from(sentence).ok()?,
        })
    }

    /// Where the token is.
    #[inline]
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }

    /// Index of the sentence holding it (into [`Layers::sentences`]).
    #[inline]
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }
}

/// A quotation: the span between an opening and its closing mark.
///
/// A quotation running over several paragraphs (the opening mark repeated at
/// each paragraph, one closing mark at the end) is one `QuoteMark` whose
/// `inner` covers all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMark {
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the quote was never closed (then `inner`
    /// stops at the end of its paragraph).
    pub close: Option<Span>,
    /// The quoted text between the marks.
    pub inner: Span,
}

/// Kind of quotation (PARC 3.0 / PolNeAR terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Content wholly inside quotation marks.
    Direct,
    /// Content paraphrased, without quotation marks.
    Indirect,
    /// Content partly quoted.
    Mixed,
}

/// Who said what: source, cue and content, as in PARC 3.0 and PolNeAR.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// What was said; may be discontinuous (an interrupted quote).
    pub content: Vec<Span>,
    /// The attributing verb or phrase ("said", "according to").
    pub cue: Vec<Span>,
    /// The source mention ("the president", "he", "Putin"); empty when none.
    pub source: Vec<Span>,
    /// The resolved speaker, filled by `quotewire-resolve`.
    pub speaker: Option<Speaker>,
    /// Confidence in 0..1, when the stage can say.
    pub confidence: Option<f32>,
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Canonical name ("Vladimir Putin"), or the source's text without a leading
    /// article when it names no entity ("union officials").
    pub name: String,
    /// Index into [`Document::entities`], when the speaker is an entity.
    pub entity: Option<usize>,
}

/// Entity types of the record schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// A company, institution, party, government body...
    Organization,
    /// A country, city, region, geographic feature.
    Location,
    /// A named event (summit, election).
    Event,
    /// Anything else.
    Other,
}

/// A named entity and all its mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Canonical name ("Vladimir Putin").
    pub name: String,
    /// Its type.
    pub kind: EntityType,
    /// Titles seen with it ("Russian President").
    pub titles: Vec<String>,
    /// Every mention, in order (names, and resolved nominals and pronouns).
    pub mentions: Vec<Span>,
}

/// A time expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// ISO 8601 value (date, date-time, year, or week/month) when resolved.
    pub value: Option<String>,
    /// Its TIMEX3 type.
    pub kind: TimexType,
}

/// TIMEX3 types (TimeML; TempEval-3): what a time expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period at day granularity or coarser ("Friday",
    /// "May 2018", "last week", "the third quarter", "now").
    #[default]
    Date,
    /// A time of day or a part of one ("3 p.m.", "this morning", "Sunday night").
    Time,
    /// A length of time ("three days", "a two-year deal", "recent years").
    Duration,
    /// A recurring time ("daily", "every week", "twice a year").
    Set,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_twelve_bytes_and_gives_back_its_offsets() {
        assert_eq!(std::mem::size_of::<Token>(), 12);
        let t = Token::new(Span::new(7, 12), 3).unwrap();
        assert_eq!(t.span(), Span::new(7, 12));
        assert_eq!(t.sentence(), 3);
        // the largest offsets that fit, and the first that does not
        let max = u32::MAX as usize;
        let t = Token::new(Span::new(max - 1, max), max).unwrap();
        assert_eq!(
            (t.span().start, t.span().end, t.sentence()),
            (max - 1, max, max)
        );
        assert_eq!(Token::new(Span::new(max, max + 1), 0), None);
        assert_eq!(Token::new(Span::new(0, 1), max + 1), None);
    }
}
