"""oresight.screening"""
