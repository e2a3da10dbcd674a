"""政策問答: a question-answering assistant over Taipei City Government policy documents.

The data flows one way, one subpackage per stage:
corpus → parsing (records, passages) → text (normalisation, segmentation) → index → CLI.
"""
