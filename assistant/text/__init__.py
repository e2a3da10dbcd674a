"""Stage 3: the Traditional-Chinese text layer shared by indexing, search and question understanding.

normalize: one search form for text; script: Simplified ↔ Traditional; segment: jieba tokens for BM25;
numbers and dates: the mixed Chinese/Arabic quantities and ROC dates the documents are written in.
"""
