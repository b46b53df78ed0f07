"""The only modules that run stages in order: ``poll`` (a feed to new entries),
``process`` (an article to stored findings), ``alerts`` (findings to alerts and
queued deliveries); ``services`` holds what they share."""
