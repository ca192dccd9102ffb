"""The corpus view: what each report is (country, year, round…) and queries across reports."""

from pipeline.corpus.metadata import DocumentMeta, apply_meta, extract_metadata, load_meta_csv

__all__ = ["DocumentMeta", "apply_meta", "extract_metadata", "load_meta_csv"]
