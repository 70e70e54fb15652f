//! The output record of `../shared/docs/record-schema.md`.
//!
//! Field names are the contract the benchmarks read: never rename or drop one.
//! Every offset is a Unicode code-point offset into `text`, end-exclusive.

use crate::{CharMap, Document, EntityType, QuoteKind, Related, Span, TimexType};
use serde::{Deserialize, Serialize};

/// One analysed article, as written to JSONL.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Input id: file stem, WARC-Record-ID, or URL.
    pub id: String,
    /// Canonical URL when known.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Cleaned main text; paragraphs separated by `"\n\n"`.
    pub text: String,
    /// BCP-47 language code.
    pub language: Option<String>,
    /// ISO 8601 publication date as stated by the page.
    pub published: Option<String>,
    /// ISO 8601 modification date as stated by the page.
    pub updated: Option<String>,
    /// Byline names.
    pub authors: Vec<String>,
    /// Publisher or agency name.
    pub outlet: Option<String>,
    /// Dateline, e.g. place "Moscow", source "Sputnik".
    pub dateline: Option<DatelineRecord>,
    /// Kicker / story-series label.
    pub series: Option<String>,
    /// Keywords the page lists.
    pub tags: Vec<String>,
    /// Related-story links and "Read more" lines removed from the text.
    pub related: Vec<Related>,
    /// Page type (`article`, `listing`, `forum`, `product`, `collection`,
    /// `documentation`, `service`, `other`), HTML pages only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page_type: Option<String>,
    /// Who said what.
    pub attributions: Vec<AttributionRecord>,
    /// People, organisations, locations...
    pub entities: Vec<EntityRecord>,
    /// Time expressions.
    pub timexes: Vec<TimexRecord>,
    /// Anything suspicious the reader should know.
    pub warnings: Vec<String>,
}

/// A dateline in the record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DatelineRecord {
    /// The place ("Moscow").
    pub place: String,
    /// The agency ("Sputnik").
    pub source: Option<String>,
    /// `[start, end]` code points in `text`, when the dateline is in the text.
    pub span: Option<[usize; 2]>,
}

/// An attribution in the record (PARC 3.0 / PolNeAR roles).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionRecord {
    /// `"direct"`, `"indirect"` or `"mixed"`.
    pub kind: QuoteKind,
    /// Content spans, `[[start, end], ...]` in code points.
    pub content: Vec<[usize; 2]>,
    /// Cue spans.
    pub cue: Vec<[usize; 2]>,
    /// Source-mention spans.
    pub source: Vec<[usize; 2]>,
    /// Resolved speaker.
    pub speaker: Option<SpeakerRecord>,
    /// Confidence in 0..1.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub confidence: Option<f32>,
}

/// A resolved speaker: canonical name and the id of its entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRecord {
    /// Canonical name.
    pub name: String,
    /// Id of the [`EntityRecord`], or null.
    pub entity: Option<String>,
}

/// An entity in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// `"E1"`, `"E2"`, ... in order of first mention.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// PERSON, ORGANIZATION, LOCATION, EVENT or OTHER.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Titles ("Russian President").
    pub titles: Vec<String>,
    /// Mention spans in code points.
    pub mentions: Vec<[usize; 2]>,
}

/// A time expression in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimexRecord {
    /// The expression as written.
    pub text: String,
    /// `[start, end]` code points.
    pub span: [usize; 2],
    /// ISO 8601 value when resolved.
    pub value: Option<String>,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: TimexType,
}

/// The id an entity index gets in the record.
pub fn entity_id(index: usize) -> String {
    format!("E{}", index + 1)
}

impl Record {
    /// Convert a finished [`Document`] into its record: byte spans become
    /// code-point offsets here and nowhere else.
    pub fn from_document(doc: &Document) -> Record {
        Record::build(doc, true)
    }

    /// [`Record::from_document`] for a document no longer needed: its
    /// segmentation layers are freed first and its text is moved into the
    /// record, not copied (peak memory: one text, not two).
    pub fn from_owned_document(mut doc: Document) -> Record {
        doc.layers = crate::Layers::default();
        let mut rec = Record::build(&doc, false);
        rec.text = std::mem::take(&mut doc.text);
        rec
    }

    /// The record of `doc`, with its text copied when `with_text`.
    fn build(doc: &Document, with_text: bool) -> Record {
        let map = CharMap::new(&doc.text);
        let spans = |v: &[Span]| v.iter().map(|s| map.span(*s)).collect::<Vec<_>>();
        let m = &doc.meta;
        Record {
            id: doc.id.clone(),
            url: doc.url.clone(),
            title: m.title.clone(),
            text: if with_text {
                doc.text.clone()
            } else {
                String::new()
            },
            language: m.language.clone(),
            published: m.published.clone(),
            updated: m.updated.clone(),
            authors: m.authors.clone(),
            outlet: m.outlet.clone(),
            dateline: m.dateline.as_ref().map(|d| DatelineRecord {
                place: d.place.clone(),
                source: d.source.clone(),
                span: d.span.map(|s| map.span(s)),
            }),
            series: m.series.clone(),
            tags: m.tags.clone(),
            related: m.related.clone(),
            page_type: m.page_type.clone(),
            attributions: doc
                .attributions
                .iter()
                .map(|a| AttributionRecord {
                    kind: a.kind,
                    content: spans(&a.content),
                    cue: spans(&a.cue),
                    source: spans(&a.source),
                    speaker: a.speaker.as_ref().map(|s| SpeakerRecord {
                        name: s.name.clone(),
                        entity: s.entity.map(entity_id),
                    }),
                    confidence: a.confidence,
                })
                .collect(),
            entities: doc
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| EntityRecord {
                    id: entity_id(i),
                    name: e.name.clone(),
                    kind: e.kind,
                    titles: e.titles.clone(),
                    mentions: spans(&e.mentions),
                })
                .collect(),
            timexes: doc
                .timexes
                .iter()
                .map(|t| TimexRecord {
                    text: doc.slice(t.span).to_string(),
                    span: map.span(t.span),
                    value: t.value.clone(),
                    kind: t.kind,
                })
                .collect(),
            warnings: doc.warnings.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Alignment, Attribution, Entity, Speaker};

    #[test]
    fn an_owned_document_gives_the_same_record() {
        let text = "“Ready,” Putin said on Monday.".to_string();
        let mut doc = Document::new("x", text.clone(), Alignment::identity());
        doc.timexes.push(crate::Timex {
            span: Span::new(text.find("Monday").unwrap(), text.len() - 1),
            value: None,
            kind: TimexType::Date,
        });
        doc.warnings.push("w".into());
        let a = Record::from_document(&doc);
        let b = Record::from_owned_document(doc);
        assert_eq!(a, b);
        assert_eq!(b.text, text);
        assert_eq!(b.timexes[0].text, "Monday");
    }

    #[test]
    fn record_offsets_are_code_points() {
        let text = "“Ready,” Putin said.".to_string();
        let mut doc = Document::new("x", text.clone(), Alignment::identity());
        let content = Span::new(3, 8); // "Ready" after the 3-byte “
        let cue = Span::new(text.find("said").unwrap(), text.find("said").unwrap() + 4);
        doc.entities.push(Entity {
            name: "Vladimir Putin".into(),
            kind: EntityType::Person,
            titles: vec![],
            mentions: vec![Span::new(
                text.find("Putin").unwrap(),
                text.find("Putin").unwrap() + 5,
            )],
        });
        doc.attributions.push(Attribution {
            kind: QuoteKind::Direct,
            content: vec![content],
            cue: vec![cue],
            source: vec![],
            speaker: Some(Speaker {
                name: "Vladimir Putin".into(),
                entity: Some(0),
            }),
            confidence: None,
        });
        let rec = Record::from_document(&doc);
        let chars: Vec<char> = text.chars().collect();
        let [a, b] = rec.attributions[0].content[0];
        assert_eq!(chars[a..b].iter().collect::<String>(), "Ready");
        let [a, b] = rec.attributions[0].cue[0];
        assert_eq!(chars[a..b].iter().collect::<String>(), "said");
        assert_eq!(
            rec.attributions[0]
                .speaker
                .as_ref()
                .unwrap()
                .entity
                .as_deref(),
            Some("E1")
        );
        let json = serde_json::to_value(&rec).unwrap();
        assert_eq!(json["attributions"][0]["kind"], "direct");
        assert_eq!(json["entities"][0]["type"], "PERSON");
    }
}
