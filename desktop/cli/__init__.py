"""The command line: ``main`` builds the argparse tree from one ``cmd_*`` module per command.

A command module imports only argparse and ``output`` at its top; the services it runs are imported inside its
``run`` functions, so ``casedesk --help`` and ``casedesk cases`` never load Pillow, numpy, PyAV or reportlab.
"""
