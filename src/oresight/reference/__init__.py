"""oresight.reference: reference tables shipped with the package.

Modules: ``countries`` (ISO/M49/Comtrade codes), ``hs`` (HS1992-HS2022 codes and
descriptions), ``concordance`` (HS edition conversion), plus commodity tables. Each loads
its snapshot lazily on first use, so importing this package reads no data.
"""
