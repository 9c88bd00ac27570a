"""oresight.monitor"""
