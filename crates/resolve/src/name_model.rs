//! The learned name-run classifier: is a run of capitalised words a PERSON,
//! an ORGANIZATION, a LOCATION, or no name? An averaged perceptron
//! (`quotewire-learn`) over hashed features of the run's words and of the
//! words around it, trained on CoreNLP silver NER of the PolNeAR training
//! articles (`models/MODEL_CARD.md`, `examples/train_name_runs.rs`).
//!
//! NER asks it only for runs its gazetteer, suffix, title and given-name
//! rules leave untyped; the same [`run_features`] serve training and
//! inference, so the two cannot drift apart. Among its features are the
//! Penn Treebank tags of the tag stage (`doc.layers.pos`, through
//! [`crate::words::Words::pos`]); untagged documents give empty tags.

use quotewire_doc::EntityType;
use quotewire_learn::{Features, Model};
use std::sync::LazyLock;

/// The weights file's metadata tag (checked on load).
pub const META: &str = "quotewire-resolve name-runs v2";
/// The classes, in model order.
pub const CLASSES: [&str; 4] = ["PERSON", "ORGANIZATION", "LOCATION", "NONE"];
/// Score margin (best minus second best class) below which the model gives
/// no answer and the rules decide: chosen on GUM news dev (margins 8 / 12 /
/// 16 gave NER exact F1 0.769 / 0.773 / 0.769).
pub const MIN_MARGIN: f32 = 12.0;
/// Words of context read on each side of the run.
pub const CONTEXT: usize = 2;

/// The committed weights, loaded once (`None` if they fail to load: NER
/// then works from its rules alone; a test checks they load).
pub static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../models/name_runs.qwm"))
        .ok()
        .filter(|m| m.check_meta(META).is_ok() && m.classes() == CLASSES)
});

/// The shape of a word: capitals `X`, small letters `x`, digits `d`, others
/// as they are, runs collapsed ("McCain" → "XxXx", "U.S." → "X.X.").
fn shape(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
    out
}

/// The last three characters of a lower-cased word.
fn suffix(w: &str) -> String {
    let l = w.to_lowercase();
    let n = l.chars().count();
    l.chars().skip(n.saturating_sub(3)).collect()
}

/// Features of the run `toks[a..j]` (word forms, in order) in its sentence;
/// `pos` holds their Penn Treebank tags (parallel to `toks`; `""` unknown);
/// `initial` says the run starts the sentence. `toks` may be a window of the
/// sentence as long as it holds [`CONTEXT`] words on each side when they exist.
pub fn run_features(
    toks: &[&str],
    pos: &[&str],
    a: usize,
    j: usize,
    initial: bool,
    f: &mut Features,
) {
    f.clear();
    f.add(0, "bias");
    let n = j - a;
    f.add_int(1, n.min(5) as i64);
    f.add_int(2, i64::from(initial));
    for (k, w) in toks[a..j].iter().enumerate() {
        f.add(3, w);
        f.add(4, &w.to_lowercase());
        f.add(5, &shape(w));
        if k == 0 {
            f.add(6, w);
        }
    }
    let last = toks[j - 1];
    f.add(7, last);
    f.add(8, &suffix(last));
    f.add(9, &shape(last));
    f.add2(10, toks[a], last);
    let prev = |d: usize| a.checked_sub(d).map(|x| toks[x].to_lowercase());
    let next = |d: usize| toks.get(j + d - 1).map(|x| x.to_lowercase());
    let p1 = prev(1).unwrap_or_else(|| "<s>".into());
    let n1 = next(1).unwrap_or_else(|| "</s>".into());
    f.add(11, &p1);
    f.add(12, &n1);
    f.add(13, &prev(2).unwrap_or_else(|| "<s>".into()));
    f.add(14, &next(2).unwrap_or_else(|| "</s>".into()));
    f.add2(15, &p1, last);
    f.add2(16, last, &n1);
    // the tag stage's reading: proper nouns, and what surrounds the run
    let tag = |x: Option<usize>| x.and_then(|x| pos.get(x)).copied().unwrap_or("");
    let tags: Vec<&str> = (a..j).map(|x| tag(Some(x))).collect();
    f.add(17, &tags.join(" "));
    f.add(18, tag(a.checked_sub(1)));
    f.add(19, tag(Some(j)));
    f.add2(
        20,
        tag(a.checked_sub(1)),
        tags.last().copied().unwrap_or(""),
    );
}

/// The type the model gives a run, `None` for no name (or no model).
pub fn classify(
    toks: &[&str],
    pos: &[&str],
    a: usize,
    j: usize,
    initial: bool,
) -> Option<EntityType> {
    let model = MODEL.as_ref()?;
    let mut f = Features::new();
    run_features(toks, pos, a, j, initial, &mut f);
    let mut scores = vec![0.0; CLASSES.len()];
    model.scores(f.keys(), &mut scores);
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&x, &y| scores[y].total_cmp(&scores[x]).then(x.cmp(&y)));
    let margin = scores[order[0]] - scores[order[1]];
    if margin < MIN_MARGIN {
        return None;
    }
    match order[0] {
        0 => Some(EntityType::Person),
        1 => Some(EntityType::Organization),
        2 => Some(EntityType::Location),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_loads_and_types_runs() {
        let m = MODEL.as_ref().expect("the committed weights load");
        assert_eq!(m.meta(), META);
        assert!(m.n_features() > 10_000);
        // words and their Penn Treebank tags, as the tag stage gives them
        let t = |s: &str, tags: &str, a: usize, j: usize| {
            let toks: Vec<&str> = s.split(' ').collect();
            let pos: Vec<&str> = tags.split(' ').collect();
            classify(&toks, &pos, a, j, a == 0)
        };
        assert_eq!(
            t(
                "a spokesman , Jonathan Brewster , said",
                "DT NN , NNP NNP , VBD",
                3,
                5
            ),
            Some(EntityType::Person)
        );
        assert_eq!(
            t(
                "shares of Northwind Holdings Inc. fell",
                "NNS IN NNP NNP NNP VBD",
                2,
                5
            ),
            Some(EntityType::Organization)
        );
        assert_eq!(
            t(
                "flooding in Lower Saxony and Bremen",
                "NN IN NNP NNP CC NNP",
                2,
                4
            ),
            Some(EntityType::Location)
        );
        // a lower-case common noun phrase is no name
        assert_eq!(t("the big Storm hit", "DT JJ NN VBD", 2, 3), None);
        assert_eq!(shape("McCain"), "XxXx");
        assert_eq!(shape("U.S."), "X.X.");
    }
}
