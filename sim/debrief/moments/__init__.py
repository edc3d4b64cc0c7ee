"""Key moments: the detectors that find the steps a debrief should stop at, the seed
lessons each moment shows, and the questions written from the table's own game."""
