"""oresight.report"""
