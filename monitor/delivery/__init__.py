"""Alert delivery channels: a registry of tiny classes, one send() each."""
