"""oresight.api"""
