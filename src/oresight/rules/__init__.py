"""oresight.rules"""
