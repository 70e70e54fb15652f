//! The last step of the stage: the cue, content and source of every
//! attribution are pairwise disjoint.
//!
//! The rules, the model and the repairs each build spans of their own, and
//! where they meet the boundaries can overlap: a cue phrase taken with the
//! preposition that opens its content ("expressed hope for" | "for an
//! improvement …"), a source grown over its cue. The content is the
//! proposition and is kept whole; the cue yields to it (and to nothing
//! else), the source to both. A cue wholly inside its content is the one
//! case where the content yields instead (it loses the cue's bytes). An
//! attribution left without content is dropped. Linear in the spans.

use quotewire_doc::{Attribution, Document, Span};

/// Makes cue, content and source of every attribution of `doc` disjoint.
pub fn make_disjoint(doc: &mut Document) {
    let text = &doc.text;
    doc.attributions.retain_mut(|a| disjoin(text, a));
}

/// `a` with disjoint roles; false when nothing of its content is left.
fn disjoin(text: &str, a: &mut Attribution) -> bool {
    let cue = subtract(text, &a.cue, &a.content);
    if cue.is_empty() && !a.cue.is_empty() {
        // the cue lies inside the content: the content gives way
        a.content = subtract(text, &a.content, &a.cue);
    } else {
        a.cue = cue;
    }
    if a.content.is_empty() {
        return false;
    }
    let taken: Vec<Span> = a.cue.iter().chain(&a.content).copied().collect();
    a.source = subtract(text, &a.source, &taken)
        .into_iter()
        .filter(|s| s.slice(text).chars().any(char::is_alphanumeric))
        .collect();
    true
}

/// The parts of `spans` outside every span of `minus`, trimmed of
/// whitespace, empty parts left out.
fn subtract(text: &str, spans: &[Span], minus: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len());
    for &s in spans {
        let mut parts = vec![s];
        for &m in minus {
            if !parts.iter().any(|p| p.overlaps(m)) {
                continue;
            }
            parts = parts
                .into_iter()
                .flat_map(|p| {
                    if !p.overlaps(m) {
                        return vec![p];
                    }
                    let mut v = Vec::with_capacity(2);
                    if p.start < m.start {
                        v.push(Span::new(p.start, m.start));
                    }
                    if m.end < p.end {
                        v.push(Span::new(m.end, p.end));
                    }
                    v
                })
                .collect();
        }
        out.extend(
            parts
                .into_iter()
                .map(|p| p.trim(text))
                .filter(|p| !p.is_empty()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_doc::{Alignment, QuoteKind};

    fn att(content: Span, cue: Span, source: Span) -> Attribution {
        Attribution {
            kind: QuoteKind::Indirect,
            content: vec![content],
            cue: vec![cue],
            source: vec![source],
            speaker: None,
            confidence: None,
        }
    }

    fn doc(text: &str, atts: Vec<Attribution>) -> Document {
        let mut d = Document::new("t", text.to_string(), Alignment::identity());
        d.attributions = atts;
        make_disjoint(&mut d);
        d
    }

    #[test]
    fn a_cue_running_into_its_content_stops_before_it() {
        let t = "Mary voiced hope for a better deal soon.";
        // cue "voiced hope for", content "for a better deal soon"
        let d = doc(
            t,
            vec![att(Span::new(17, 39), Span::new(5, 20), Span::new(0, 4))],
        );
        let a = &d.attributions[0];
        assert_eq!(d.slice(a.cue[0]), "voiced hope");
        assert_eq!(d.slice(a.content[0]), "for a better deal soon");
        assert_eq!(d.slice(a.source[0]), "Mary");
    }

    #[test]
    fn a_source_grown_over_its_cue_or_content_is_cut_back() {
        let t = "The old man said it rained.";
        // source "The old man said it", cue "said", content "it rained"
        let d = doc(
            t,
            vec![att(Span::new(17, 26), Span::new(12, 16), Span::new(0, 19))],
        );
        let a = &d.attributions[0];
        assert_eq!(d.slice(a.source[0]), "The old man");
        assert_eq!(a.source.len(), 1);
        // a source wholly inside the content goes
        let d = doc(
            t,
            vec![att(Span::new(0, 26), Span::new(12, 16), Span::new(4, 7))],
        );
        assert!(d.attributions[0].source.is_empty());
    }

    #[test]
    fn a_cue_inside_its_content_splits_the_content() {
        let t = "Taxes, he said, will rise.";
        let d = doc(
            t,
            vec![att(Span::new(0, 25), Span::new(10, 14), Span::new(7, 9))],
        );
        let a = &d.attributions[0];
        assert_eq!(d.slice(a.cue[0]), "said");
        let parts: Vec<&str> = a.content.iter().map(|s| d.slice(*s)).collect();
        assert_eq!(parts, ["Taxes, he", ", will rise"]);
        assert!(a.source.is_empty(), "the source lay inside the content");
    }
}
