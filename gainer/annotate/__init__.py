"""Annotation data for the tagger: Label Studio JSON <-> AnnotatedText, character BIO tags, synthetic reports.

Submodules (imported on use, none needs torch):

* :mod:`gainer.annotate.labelstudio_json` -- ``load_tasks`` / ``dump_tasks`` / ``save_tasks`` and the
  ``ValidationReport`` of an import;
* :mod:`gainer.annotate.bio` -- ``spans_to_tags`` / ``tags_to_spans`` (character-level IOB2);
* :mod:`gainer.annotate.synth` -- ``generate`` labelled synthetic reports, ``write_corpus``.
"""
from __future__ import annotations

__all__ = ["labelstudio_json", "bio", "synth"]
