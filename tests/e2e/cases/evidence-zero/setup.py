# The rows of evidence-statuses (see its setup.py for each item's evidence
# and status), scored here with the rule's effect "zero" (rubric.xml).
import os

here = os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(here, "..", "evidence-statuses", "setup.py")).read())
