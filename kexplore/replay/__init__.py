"""`kexplore replay`: the headless command and its reports."""
