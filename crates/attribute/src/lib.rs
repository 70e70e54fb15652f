//! Stage 4 of the pipeline: attributions (source, cue, content) in the terms
//! of PARC 3.0 and PolNeAR. Reads `doc.layers`, writes `doc.attributions`
//! (speakers are left to `quotewire-resolve`). STUB.

#![deny(missing_docs)]

use quotewire_doc::Document;

/// Find the attributions of `doc`.
pub fn attribute(doc: &mut Document) {
    let _ = doc;
}
