use super::*;
use quotewire_doc::Alignment;

fn tagged(text: &str) -> Vec<(String, &'static str)> {
    let mut d = Document::new("t", text.to_string(), Alignment::identity());
    quotewire_segment::segment(&mut d);
    tag(&mut d);
    assert_eq!(d.layers.pos.len(), d.layers.tokens.len());
    d.layers
        .tokens
        .iter()
        .zip(d.layers.pos.iter())
        .map(|(t, &p)| (d.slice(t.span()).to_string(), p))
        .collect()
}

fn tags(text: &str) -> Vec<&'static str> {
    tagged(text).into_iter().map(|(_, p)| p).collect()
}

#[test]
fn tags_a_reported_speech_sentence() {
    assert_eq!(
        tags("The senator said that taxes will rise."),
        ["DT", "NN", "VBD", "IN", "NNS", "MD", "VB", "."]
    );
}

#[test]
fn contractions_and_possessives_carry_both_ptb_tags() {
    let t = tagged("Trump's aides don't agree.");
    assert_eq!(t[0], ("Trump's".to_string(), "NNP+POS"));
    assert_eq!(t[2], ("don't".to_string(), "VBP+RB"));
}

#[test]
fn proper_nouns_and_sentence_starts() {
    let t = tags("Officials in Washington declined to comment. He left.");
    assert_eq!(t[0], "NNS");
    assert_eq!(t[2], "NNP");
    assert_eq!(t[4], "TO");
    assert_eq!(t[7], "PRP");
}

#[test]
fn empty_and_odd_input_do_not_panic() {
    assert!(tags("").is_empty());
    assert_eq!(tags("“”").len(), tagged("“”").len());
    let long = "word ".repeat(5000);
    assert_eq!(tags(&long).len(), 5000);
}

#[test]
fn broken_model_files_are_errors() {
    assert!(matches!(Tagger::new(b"nope", ""), Err(TagError::Model(_))));
    let e = Tagger::new(WEIGHTS, "the\tDT\nbroken line\n").unwrap_err();
    assert!(e.to_string().contains("line 2"), "{e}");
    let e = Tagger::new(WEIGHTS, "the\tNOT-A-TAG\n").unwrap_err();
    assert!(matches!(e, TagError::Dict { line: 1, .. }));
}

#[test]
fn normalisation_and_shapes() {
    assert_eq!(normalise("1999"), "!YEAR");
    assert_eq!(normalise("3.5"), "!DIGITS");
    assert_eq!(normalise("well-known"), "!HYPHEN");
    assert_eq!(normalise("Said"), "said");
    assert_eq!(shape("U.S."), "X.X.");
    assert_eq!(shape("McCain"), "XxXx");
    assert_eq!(suffix("né", 3), "né");
    assert_eq!(prefix1("Élan"), "É");
}

/// Gate: agreement with the CoreNLP silver tags on PolNeAR dev, pinned a
/// little below the model card's figure (0.977).
#[test]
fn dev_agreement_gate() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear/dev");
    let conllu = root.join("corenlp.conllu");
    let Ok(text) = std::fs::read_to_string(&conllu) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but {} is missing",
            conllu.display()
        );
        eprintln!("skipping: {} not found", conllu.display());
        return;
    };
    let silver = silver::read_conllu(&text).unwrap();
    let mut stems: Vec<&String> = silver.keys().collect();
    stems.sort();
    let mut agg = silver::Agreement::default();
    for stem in stems {
        let txt = std::fs::read_to_string(root.join("text").join(format!("{stem}.txt"))).unwrap();
        let mut d = Document::new(stem.clone(), txt, Alignment::identity());
        quotewire_segment::segment(&mut d);
        silver::evaluate(Tagger::builtin(), &d, &silver[stem], &mut agg);
    }
    assert!(agg.total > 70_000, "{} labelled tokens", agg.total);
    assert!(
        agg.accuracy() >= 0.972,
        "dev POS agreement {:.4}",
        agg.accuracy()
    );
}
