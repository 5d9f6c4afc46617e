"""Map products: print layouts from the templates, their texts and the four maps of a project."""
