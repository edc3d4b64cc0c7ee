"""What the instructor sees: the full-information `InstructorView` of a step, what one
seat could see against it (the lens), the optimum beside the table's choices, and
several tables of one seminar side by side."""
