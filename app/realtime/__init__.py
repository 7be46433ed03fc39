"""Live connections: who is connected, in which rooms, and what they receive."""
