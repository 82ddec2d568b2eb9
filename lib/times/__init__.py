"""Time: every temporal expression of an article with its TIMEX3 (ISO-TimeML) reading.

``recognise`` finds the expressions in a parsed Doc and reads them in text order; ``normalise`` holds
the rules that give one expression its type, value, modifier and anchor; ``values`` says which days a
value covers. The claims stage dates each claim with the expression of its own clause.
"""
