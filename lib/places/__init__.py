"""Places stage (the ``lens_places`` component): find place mentions (``recognise``), resolve each
name to the place it means (``resolve``) and mark metonymy (``metonymy``)."""
