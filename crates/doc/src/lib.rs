//! The shared language of the quotewire pipeline.
//!
//! Every stage (read → extract → segment → attribute → resolve → write) takes a
//! [`Document`] and adds to it; no stage reaches into another's internals.
//!
//! * Inside the library, spans are **byte** offsets into [`Document::text`]
//!   ([`Span`]), so stages can slice `&str` directly.
//! * When a document leaves the library it becomes a [`Record`]
//!   (`../shared/docs/record-schema.md`), whose offsets are **Unicode code
//!   points**, end-exclusive. The conversion happens in one place only:
//!   [`Record::from_document`].
//! * Text transformations (chrome dropped, NBSP replaced, paragraphs joined)
//!   go through [`AlignedBuilder`], so every byte of the cleaned text can be
//!   traced back to the input it came from ([`Alignment::to_source`]).
//!
//! ```
//! use quotewire_doc::{AlignedBuilder, Document, Span, Record};
//! let src = "Hello\u{a0}world";
//! let mut b = AlignedBuilder::new();
//! b.push_source("Hello", 0);
//! b.push_replacement(" ", 5..7); // NBSP is two bytes in UTF-8
//! b.push_source("world", 7);
//! let (text, alignment) = b.finish();
//! assert_eq!(text, "Hello world");
//! assert_eq!(alignment.to_source(6), Some(7));
//! let doc = Document::new("d1", text, alignment);
//! let rec = Record::from_document(&doc);
//! assert_eq!(rec.text, "Hello world");
//! # let _ = (src, Span::new(0, 1));
//! ```

#![deny(missing_docs)]

mod align;
pub mod calendar;
pub mod chars;
mod deadline;
mod document;
mod record;
mod span;
mod tags;

pub use align::{AlignedBuilder, Alignment};
pub use deadline::Deadline;
pub use document::{
    Attribution, Dateline, Document, Entity, EntityType, Layers, Metadata, PAGE_TYPES, QuoteKind,
    QuoteMark, Related, Speaker, Timex, TimexType, Token,
};
pub use record::{
    AttributionRecord, DatelineRecord, EntityRecord, Record, SpeakerRecord, TimexRecord,
};
pub use span::{CharMap, Span, SpanSet};
pub use tags::Tags;
