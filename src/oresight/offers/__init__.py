"""oresight.offers"""
