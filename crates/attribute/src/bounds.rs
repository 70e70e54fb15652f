//! Content boundaries that no reading of a sentence allows, fixed after the
//! rules, the model and the repairs. Linear in the tokens of the contents.
//!
//! * **A content ending on a dangling word.** The greedy tagger (or a rule
//!   stopping at the next clause) can end a content on the coordinator or
//!   article that opens the clause after it ("officials said the plan would
//!   fail, and" | "the mayor …"; "he argued that taxes were too high and
//!   the" | …): a proposition never ends on "and", "or", "but", "nor",
//!   "while", "the", "a", "an". The word goes, with the commas and
//!   semicolons before it. Only where the word is the last thing in the span
//!   (a quotation ending on "and”" is the speaker's words and stays).
//!   Dev (PolNeAR, `bench/run.sh attribution`): content-strict 0.566 → 0.567;
//!   train 0.709 → 0.711.

use quotewire_doc::{Document, Span};

/// Words a content never ends on.
const DANGLING: &[&str] = &["and", "or", "but", "nor", "while", "the", "a", "an"];

/// Applies every boundary fix to `doc.attributions`.
pub fn fix_bounds(doc: &mut Document) {
    let mut atts = std::mem::take(&mut doc.attributions);
    for a in &mut atts {
        let Some(last) = a.content.iter_mut().max_by_key(|s| s.end) else {
            continue;
        };
        *last = drop_dangling_end(doc, *last);
    }
    doc.attributions = atts;
}

/// `span` without a dangling word (and the `,` `;` before it) at its end.
fn drop_dangling_end(doc: &Document, span: Span) -> Span {
    let text = doc.text.as_str();
    let toks = &doc.layers.tokens;
    let a = toks.partition_point(|t| t.span.start < span.start);
    let mut b = a + toks[a..].partition_point(|t| t.span.end <= span.end);
    let mut end = span.end;
    loop {
        // the last token must end the span (nothing but spaces after it)
        if b <= a + 1 || !text[toks[b - 1].span.end..end].trim().is_empty() {
            break;
        }
        let w = toks[b - 1].span.slice(text);
        if !DANGLING.iter().any(|d| w.eq_ignore_ascii_case(d)) {
            break;
        }
        let mut k = b - 1;
        while k > a && matches!(toks[k - 1].span.slice(text), "," | ";") {
            k -= 1;
        }
        if k == a {
            break;
        }
        b = k;
        end = toks[k - 1].span.end;
    }
    Span::new(span.start, end)
}
