"""oresight.reference"""
