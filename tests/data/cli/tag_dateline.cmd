tag
