//! Checks of a record before it is stored: every span must lie inside the
//! record's `text` (Unicode code points, end-exclusive), or the quotes and
//! mentions read from it would be empty or wrong.

use quotewire_doc::Record;

/// `Err(message)` naming the first span of `rec` that is not inside its
/// `text`: an attribution's content, cue or source, an entity mention, a
/// time expression or the dateline. `start > end` is refused too.
///
/// Linear in the text (one code-point count) plus the spans.
pub fn check_spans(rec: &Record) -> Result<(), String> {
    let len = rec.text.chars().count();
    let check = |field: &dyn Fn() -> String, span: &[usize; 2]| {
        let [start, end] = *span;
        if start > end || end > len {
            return Err(format!(
                "{} [{start}, {end}] is outside the text ({len} code points)",
                field()
            ));
        }
        Ok(())
    };
    for (i, a) in rec.attributions.iter().enumerate() {
        for (role, spans) in [
            ("content", &a.content),
            ("cue", &a.cue),
            ("source", &a.source),
        ] {
            for (j, s) in spans.iter().enumerate() {
                check(&|| format!("attributions[{i}].{role}[{j}]"), s)?;
            }
        }
    }
    for (i, e) in rec.entities.iter().enumerate() {
        for (j, s) in e.mentions.iter().enumerate() {
            check(&|| format!("entities[{i}].mentions[{j}]"), s)?;
        }
    }
    for (i, t) in rec.timexes.iter().enumerate() {
        check(&|| format!("timexes[{i}].span"), &t.span)?;
    }
    if let Some(s) = rec.dateline.as_ref().and_then(|d| d.span.as_ref()) {
        check(&|| "dateline.span".to_string(), s)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_doc::{AttributionRecord, EntityRecord, EntityType, QuoteKind};

    fn rec() -> Record {
        Record {
            id: "r".into(),
            // 6 code points, 10 bytes
            text: "“ab” c".into(),
            attributions: vec![AttributionRecord {
                kind: QuoteKind::Direct,
                content: vec![[1, 3]],
                cue: vec![],
                source: vec![[5, 6]],
                speaker: None,
                confidence: None,
            }],
            entities: vec![EntityRecord {
                id: "E1".into(),
                name: "C".into(),
                kind: EntityType::Person,
                titles: vec![],
                mentions: vec![[5, 6]],
            }],
            ..Record::default()
        }
    }

    #[test]
    fn spans_inside_the_text_in_code_points_pass() {
        assert_eq!(check_spans(&rec()), Ok(()));
    }

    #[test]
    fn a_span_past_the_end_or_inverted_names_its_field() {
        let mut r = rec();
        r.attributions[0].source = vec![[5, 7]];
        let e = check_spans(&r).unwrap_err();
        assert!(e.starts_with("attributions[0].source[0] [5, 7]"), "{e}");
        let mut r = rec();
        r.entities[0].mentions.push([4, 2]);
        let e = check_spans(&r).unwrap_err();
        assert!(e.starts_with("entities[0].mentions[1]"), "{e}");
    }
}
