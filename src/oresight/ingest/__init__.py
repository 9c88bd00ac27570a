"""oresight.ingest"""
